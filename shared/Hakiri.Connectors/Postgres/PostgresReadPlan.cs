using System.Globalization;
using System.Text;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Postgres;

/// <summary>A column the keyset pages on.</summary>
/// <param name="Name">The column (or <c>ctid</c>).</param>
/// <param name="SqlType">Its type, to cast the cursor's text back.</param>
internal sealed record PgKey(string Name, string SqlType)
{
    /// <summary>The physical row address: the keyset of a table without a key in snapshot mode.</summary>
    public static PgKey Ctid { get; } = new("ctid", "tid");

    /// <summary>The column as the page query references it.</summary>
    public string Reference => Name == "ctid" && SqlType == "tid" ? "q.ctid" : "q." + PostgresTypes.Quote(Name);
}

/// <summary>
/// How a read pages through its source: keyset pagination, never OFFSET. Each page is
/// <c>WHERE (key…) &gt; (last key…) ORDER BY key… LIMIT batch_rows</c> — an index range scan that costs the same on
/// the first page and the thousandth. Incremental keys start with the cursor column, so rows sharing a timestamp at
/// a page edge are neither skipped nor read twice, and stop below the late-commit bound.
/// </summary>
/// <param name="Mode">The source's read mode.</param>
/// <param name="From">The relation (or parenthesised query) to read.</param>
/// <param name="Columns">The columns as read and landed.</param>
/// <param name="Keys">The keyset, in order.</param>
/// <param name="Bounded">Incremental with a time-like cursor column: its SQL type, which the bound is cast to; else <see langword="null"/>.</param>
/// <param name="BatchRows">Rows per page.</param>
internal sealed record PgReadPlan(PostgresReadMode Mode, string From, IReadOnlyList<PgColumn> Columns, IReadOnlyList<PgKey> Keys, string? Bounded, int BatchRows)
{
    /// <summary>The mode as the cursor spells it.</summary>
    public string ModeName => Mode == PostgresReadMode.Incremental ? "incremental" : "snapshot";

    /// <summary>
    /// Whether the last key can be taken from the batch itself (integer and text keys read as they are), so the page
    /// query need not return each row's key as text as well.
    /// </summary>
    public bool KeysFromBatch => Keys.All(k => Columns.FirstOrDefault(c => c.Name == k.Name && k != PgKey.Ctid) is
        { Select: "{0}", Value: PgValue.Int16 or PgValue.Int32 or PgValue.Int64 or PgValue.Text });

    /// <summary>The key's column names, as the cursor records them.</summary>
    public IReadOnlyList<string> KeyNames => Keys.Select(k => k.Name).ToArray();

    /// <summary>
    /// The page query. Its parameters are the last key's text values (<c>$1…$k</c>, when <paramref name="resume"/>)
    /// and the bound (<c>$k+1</c>, when <paramref name="bound"/>). Its result is the columns, then each key's text
    /// unless <see cref="KeysFromBatch"/>.
    /// </summary>
    public string PageSql(bool resume, bool bound)
    {
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", Columns.Select(c => string.Format(CultureInfo.InvariantCulture, c.Select, "q." + PostgresTypes.Quote(c.Name)) + " AS " + PostgresTypes.Quote(c.Name)));
        if (!KeysFromBatch)
        {
            sql.Append(", ").AppendJoin(", ", Keys.Select(k => k.Reference + "::text"));
        }

        sql.Append(" FROM ").Append(From).Append(" AS q");
        var conditions = new List<string>();
        if (resume)
        {
            conditions.Add($"({string.Join(", ", Keys.Select(k => k.Reference))}) > ({string.Join(", ", Keys.Select((k, i) => $"${i + 1}::{k.SqlType}"))})");
        }

        if (bound && Bounded is not null)
        {
            conditions.Add($"{Keys[0].Reference} < (${(resume ? Keys.Count : 0) + 1}::timestamptz)::{Bounded}");
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", Keys.Select(k => k.Reference));
        sql.Append(" LIMIT ").Append(BatchRows.ToString(CultureInfo.InvariantCulture));
        return sql.ToString();
    }
}
