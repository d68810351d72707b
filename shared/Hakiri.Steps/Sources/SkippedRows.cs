using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Steps.Planning;

namespace Hakiri.Steps.Sources;

/// <summary>Counts the malformed rows a reader skipped under <c>on_error = "skip"</c>, so none is dropped silently.</summary>
internal static class SkippedRows
{
    public static long Count(DuckDbConnection connection, FileSourceManifest source, PlannedFile file, long rowsRead) => source.Format switch
    {
        // store_rejects keeps one row per rejected line (a line may have several errors).
        FileFormat.Csv => Scalar(connection, "SELECT count(DISTINCT line) FROM reject_errors"),
        FileFormat.Ndjson => Math.Max(0, NonEmptyLines(file.AbsolutePath) - rowsRead),
        _ => 0,
    };

    private static long Scalar(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        return reader.Read() ? reader.GetInt64(0) : 0;
    }

    private static long NonEmptyLines(string path)
    {
        long count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                count++;
            }
        }

        return count;
    }
}
