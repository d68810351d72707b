using System.Globalization;
using System.Text;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Search;

/// <summary>
/// The statement that turns candidates into rows: the table's view joined on provenance with the candidates as a
/// VALUES list, the structured filter applied, ranked by score. It is an ordinary query of the view, so the caller's
/// scope (row filters, redactions) applies exactly as to any other.
/// </summary>
internal static class SearchSql
{
    public static string Compose(string table, IReadOnlyList<Candidate> candidates, string where, int limit)
    {
        if (candidates.Count == 0)
        {
            // Nothing proposed: the same columns, no rows (a VALUES list cannot be empty); the filter stays for its parameters.
            return $"SELECT t.*, CAST(NULL AS DOUBLE) AS _score, CAST(NULL AS DOUBLE) AS _bm25, CAST(NULL AS DOUBLE) AS _similarity FROM {Sql.Identifier(table)} AS t WHERE false"
                + (where.Length > 0 ? $" AND ({where})" : string.Empty);
        }

        var text = new StringBuilder();
        text.Append("SELECT t.*, h._score, h._bm25, h._similarity FROM ").Append(Sql.Identifier(table)).Append(" AS t JOIN (VALUES ");
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            text.Append(i == 0 ? "(" : ", (")
                .Append(Sql.Literal(c.Key.RunId)).Append(", ").Append(Sql.Literal(c.Key.Source)).Append(", ")
                .Append(c.Key.Record.ToString(CultureInfo.InvariantCulture)).Append(", ")
                .Append(Number(c.Score)).Append(", ").Append(Number(c.Bm25)).Append(", ").Append(Number(c.Similarity)).Append(')');
        }

        text.Append(") AS h(_hakiri_hit_run, _hakiri_hit_source, _hakiri_hit_record, _score, _bm25, _similarity)")
            .Append(" ON t._hakiri_run_id = h._hakiri_hit_run AND t._hakiri_source = h._hakiri_hit_source AND t._hakiri_record = h._hakiri_hit_record");
        if (where.Length > 0)
        {
            text.Append(" WHERE ").Append(where);
        }

        text.Append(" ORDER BY h._score DESC, t._hakiri_source, t._hakiri_record LIMIT ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string Number(double? value) =>
        value is { } v ? "CAST(" + Math.Round(v, 6).ToString("R", CultureInfo.InvariantCulture) + " AS DOUBLE)" : "CAST(NULL AS DOUBLE)";
}
