using System.Globalization;
using System.Text;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Search;

/// <summary>
/// The statement that turns candidates into rows: the table's view joined on provenance with the candidates as
/// VALUES lists (the distinct run/source pairs once, then record and scores per candidate, to stay compact), the
/// structured filter applied, ranked by score. It is an ordinary query of the view, so the caller's scope (row filters,
/// redactions) applies exactly as to any other.
/// </summary>
internal static class SearchSql
{
    public static string Compose(string table, IReadOnlyList<Candidate> candidates, string where, int limit)
    {
        const string Scores = "CAST(h._score AS DOUBLE) AS _score, CAST(h._bm25 AS DOUBLE) AS _bm25, CAST(h._similarity AS DOUBLE) AS _similarity";
        if (candidates.Count == 0)
        {
            // Nothing proposed: the same columns, no rows (a VALUES list cannot be empty); the filter stays for its parameters.
            return $"SELECT t.*, CAST(NULL AS DOUBLE) AS _score, CAST(NULL AS DOUBLE) AS _bm25, CAST(NULL AS DOUBLE) AS _similarity FROM {Sql.Identifier(table)} AS t WHERE false"
                + (where.Length > 0 ? $" AND ({where})" : string.Empty);
        }

        var origins = new Dictionary<(string Run, string Source), int>();
        foreach (var c in candidates)
        {
            origins.TryAdd((c.Key.RunId, c.Key.Source), origins.Count);
        }

        var text = new StringBuilder();
        text.Append("SELECT t.*, ").Append(Scores).Append(" FROM ").Append(Sql.Identifier(table)).Append(" AS t JOIN (VALUES ");
        var first = true;
        foreach (var ((run, source), id) in origins)
        {
            text.Append(first ? "(" : ", (").Append(id.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(Sql.Literal(run)).Append(", ").Append(Sql.Literal(source)).Append(')');
            first = false;
        }

        text.Append(") AS s(_hakiri_hit_origin, _hakiri_hit_run, _hakiri_hit_source) ON t._hakiri_run_id = s._hakiri_hit_run AND t._hakiri_source = s._hakiri_hit_source JOIN (VALUES ");
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            text.Append(i == 0 ? "(" : ", (").Append(origins[(c.Key.RunId, c.Key.Source)].ToString(CultureInfo.InvariantCulture)).Append(", ")
                .Append(c.Key.Record.ToString(CultureInfo.InvariantCulture)).Append(", ")
                .Append(Number(c.Score)).Append(", ").Append(Number(c.Bm25)).Append(", ").Append(Number(c.Similarity)).Append(')');
        }

        text.Append(") AS h(_hakiri_hit_origin, _hakiri_hit_record, _score, _bm25, _similarity)")
            .Append(" ON h._hakiri_hit_origin = s._hakiri_hit_origin AND t._hakiri_record = h._hakiri_hit_record");

        // The same records as a constant list too: DuckDB pushes it into the table scan, which then reads the other
        // columns of matching rows only, instead of every row for the join to throw away.
        text.Append(" WHERE t._hakiri_record IN (");
        var records = new HashSet<long>();
        foreach (var candidate in candidates)
        {
            if (records.Add(candidate.Key.Record))
            {
                text.Append(records.Count > 1 ? ", " : string.Empty).Append(candidate.Key.Record.ToString(CultureInfo.InvariantCulture));
            }
        }

        text.Append(')');
        if (where.Length > 0)
        {
            text.Append(" AND (").Append(where).Append(')');
        }

        text.Append(" ORDER BY h._score DESC, t._hakiri_source, t._hakiri_record LIMIT ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The longest prefix of <paramref name="candidates"/> (best first) whose statement fits the SQL guard's length cap.</summary>
    public static IReadOnlyList<Candidate> Fitting(string table, IReadOnlyList<Candidate> candidates, string where, int limit)
    {
        var count = candidates.Count;
        while (count > 1 && Compose(table, candidates.Take(count).ToList(), where, limit).Length > ReadOnlySqlGuard.MaxSqlLength)
        {
            count /= 2;
        }

        return count == candidates.Count ? candidates : candidates.Take(count).ToList();
    }

    // Plain literals (DuckDB types the column from them); the SELECT casts to DOUBLE.
    private static string Number(double? value) =>
        value is { } v ? Math.Round(v, 6).ToString("R", CultureInfo.InvariantCulture) : "NULL";
}
