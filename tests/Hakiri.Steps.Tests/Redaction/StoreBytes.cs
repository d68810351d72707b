using System.Text;
using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Steps.Tests.Redaction;

/// <summary>Reads a store the way an outsider would: every file's raw bytes, and DuckDB over the Parquet files themselves.</summary>
internal static class StoreBytes
{
    /// <summary>The store's files (data, staging, catalog) whose raw bytes contain <paramref name="value"/>.</summary>
    public static string[] FilesContaining(StoreLayout layout, string value)
    {
        var needle = Encoding.UTF8.GetBytes(value);
        return Directory.GetFiles(layout.Root, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0)
            .ToArray();
    }

    /// <summary>Runs <paramref name="select"/> against <c>files</c>, every Parquet file under the store's <c>data/</c>.</summary>
    public static List<object?[]> Query(StoreLayout layout, string select)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var glob = Path.Combine(layout.Root, "data", "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        connection.Execute($"CREATE VIEW files AS SELECT * FROM read_parquet('{glob}', union_by_name = true)");
        using var reader = connection.Query(select);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Columns.Count).Select(i => reader.IsNull(i) ? null : reader.GetValue(i)).ToArray());
        }

        return rows;
    }

    /// <summary>The column names of every Parquet file under <c>data/</c>, together.</summary>
    public static string[] Columns(StoreLayout layout) => Query(layout, "SELECT column_name FROM (DESCRIBE files)").Select(r => (string)r[0]!).ToArray();
}
