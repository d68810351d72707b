using Hakiri.Connectors.Contract;
using Hakiri.DuckDb;
using Hakiri.Steps.Sources;

namespace Hakiri.Steps.Writing;

/// <summary>
/// Staged rows that carry <see cref="ChangeOperation.Column"/> (a change-capturing connector's batches): which of them
/// apply, and whether a reset among them drops the table's stored rows first. Rows apply in staged order (batch, then
/// row), which is the source's change order; the write step keeps the last change per key and removes deleted keys.
/// </summary>
/// <param name="Relation">The staged rows after the last reset (all of them without one), as a DuckDB relation.</param>
/// <param name="Reset">Whether a reset was staged: the table's stored rows are dropped, not merged.</param>
internal sealed record ChangeRows(string Relation, bool Reset)
{
    public static string Operation { get; } = Sql.Identifier(ChangeOperation.Column);

    /// <summary>The change rows of <paramref name="staged"/>, or <see langword="null"/> when it has no operation column.</summary>
    public static ChangeRows? Of(DuckDbConnection connection, string staged)
    {
        if (!connection.Describe(staged).Any(c => c.Name == ChangeOperation.Column))
        {
            return null;
        }

        using var reader = connection.Query($"""
            SELECT filename, file_row_number FROM {staged}
            WHERE {Operation} = {Sql.Literal(ChangeOperation.Reset)}
            ORDER BY filename DESC, file_row_number DESC LIMIT 1
            """);
        if (!reader.Read())
        {
            return new ChangeRows(staged, Reset: false);
        }

        var file = Sql.Literal(reader.GetString(0));
        var row = reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ChangeRows(
            $"(SELECT * FROM {staged} WHERE filename > {file} OR (filename = {file} AND file_row_number > {row}))", Reset: true);
    }

    /// <summary>The upserts among the deduplicated changes (deletes leave only their key behind, in the anti-join).</summary>
    public static string Upserts(string changes) =>
        $"SELECT * EXCLUDE ({Operation}) FROM {changes} WHERE {Operation} IS DISTINCT FROM {Sql.Literal(ChangeOperation.Delete)}";
}
