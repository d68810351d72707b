using Microsoft.Data.Sqlite;

namespace Hakiri.Store.Catalog;

/// <summary>
/// Reads the sidecar segments of live files and the table guides through a read-only connection, for servers (which
/// must not write the catalog). A catalog from a version without these tables has neither.
/// </summary>
public static class IndexCatalogReader
{
    /// <summary>The segments whose data file is live, by table.</summary>
    public static IReadOnlyList<IndexSegmentRecord> LiveSegments(StoreLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var connection = OpenReadOnly(layout);
        if (connection is null || !HasTable(connection, "index_segments"))
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.data_path, s.kind, s.table_name, s.path, s.spec, s.row_count, s.byte_size, s.run_id
            FROM index_segments s JOIN files f ON f.path = s.data_path
            ORDER BY s.table_name, s.data_path, s.kind
            """;
        return ReadSegments(command.ExecuteReader());
    }

    /// <summary>The row count of every live data file that has a sidecar, by path.</summary>
    public static IReadOnlyDictionary<string, long> LiveFileRows(StoreLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using var connection = OpenReadOnly(layout);
        if (connection is null || !HasTable(connection, "index_segments"))
        {
            return rows;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT f.path, f.row_count FROM files f JOIN index_segments s ON s.data_path = f.path";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    /// <summary>The table guides (JSON documents), by table name.</summary>
    public static IReadOnlyDictionary<string, string> Guides(StoreLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var guides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var connection = OpenReadOnly(layout);
        if (connection is null || !HasTable(connection, "table_guides"))
        {
            return guides;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name, guide FROM table_guides";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            guides[reader.GetString(0)] = reader.GetString(1);
        }

        return guides;
    }

    internal static List<IndexSegmentRecord> ReadSegments(SqliteDataReader reader)
    {
        using (reader)
        {
            var segments = new List<IndexSegmentRecord>();
            while (reader.Read())
            {
                segments.Add(new IndexSegmentRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetString(7)));
            }

            return segments;
        }
    }

    /// <summary>A read-only, unpooled connection to the catalog, or <see langword="null"/> when there is no catalog yet.</summary>
    internal static SqliteConnection? OpenReadOnly(StoreLayout layout)
    {
        if (!File.Exists(layout.CatalogPath))
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = layout.CatalogPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    internal static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $n";
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() is not null;
    }
}
