using Hakiri.DuckDb;
using Hakiri.Store.Catalog;

namespace Hakiri.Store.Query;

/// <summary>
/// SQL over a store's tables by name: an in-memory DuckDB where each catalog table is a view over its live Parquet
/// files (an empty typed table when it has none). Files outside the catalog are invisible to it.
/// </summary>
public sealed class StoreQueryEngine : IDisposable
{
    private readonly DuckDbDatabase _database;

    private StoreQueryEngine(DuckDbDatabase database, DuckDbConnection connection, IReadOnlyList<TableRecord> tables)
    {
        _database = database;
        Connection = connection;
        Tables = tables;
    }

    /// <summary>The connection with the table views defined.</summary>
    public DuckDbConnection Connection { get; }

    /// <summary>The store's tables as the catalog describes them.</summary>
    public IReadOnlyList<TableRecord> Tables { get; }

    /// <summary>Opens the engine over the store's current live files.</summary>
    public static StoreQueryEngine Open(StoreLayout layout, CatalogDatabase catalog)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(catalog);
        var database = DuckDbDatabase.Open();
        var connection = database.Connect();
        var tables = catalog.ListTables();
        foreach (var table in tables)
        {
            var name = Quote(table.Name);
            var files = catalog.ListFiles(table.Name).Select(f => "'" + layout.Absolute(f.Path).Replace("'", "''", StringComparison.Ordinal) + "'").ToArray();
            if (files.Length > 0)
            {
                connection.Execute($"CREATE VIEW {name} AS SELECT * FROM read_parquet([{string.Join(", ", files)}], union_by_name = true)");
            }
            else
            {
                var columns = string.Join(", ", table.Columns.Select(c => $"{Quote(c.Name)} {c.Type}"));
                connection.Execute($"CREATE TABLE {name} ({columns})");
            }
        }

        return new StoreQueryEngine(database, connection, tables);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Connection.Dispose();
        _database.Dispose();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
