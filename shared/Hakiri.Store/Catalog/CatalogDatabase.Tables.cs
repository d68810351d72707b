namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    private const string TableColumns =
        "name, pipeline, connector, description, primary_key, columns, row_count, file_count, byte_count, updated_run_id, updated_at";

    /// <summary>One table, or <see langword="null"/> when no run has written it.</summary>
    public TableRecord? GetTable(string name)
    {
        using var command = Command($"SELECT {TableColumns} FROM tables WHERE name = $name COLLATE NOCASE", null, ("$name", name));
        return ReadTables(command).FirstOrDefault();
    }

    /// <summary>Every table, by name.</summary>
    public IReadOnlyList<TableRecord> ListTables()
    {
        using var command = Command($"SELECT {TableColumns} FROM tables ORDER BY name", null);
        return ReadTables(command);
    }

    /// <summary>The live files of a table, by path.</summary>
    public IReadOnlyList<FileRecord> ListFiles(string table)
    {
        using var command = Command("SELECT path, table_name, run_id, row_count, byte_size FROM files WHERE table_name = $t ORDER BY path", null, ("$t", table));
        var files = new List<FileRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files.Add(new FileRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return files;
    }

    /// <summary>The paths of every live file in the store.</summary>
    public IReadOnlySet<string> LiveFilePaths()
    {
        using var command = Command("SELECT path FROM files", null);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    /// <summary>The source files already ingested into a table, by path.</summary>
    public IReadOnlyDictionary<string, SourceFileRecord> GetSourceFiles(string table)
    {
        using var command = Command("SELECT path, fingerprint, row_count FROM source_files WHERE table_name = $t", null, ("$t", table));
        var files = new Dictionary<string, SourceFileRecord>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files[reader.GetString(0)] = new SourceFileRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }

        return files;
    }

    /// <summary>The committed cursor of a table, or <see langword="null"/>.</summary>
    public string? GetCursor(string table)
    {
        using var command = Command("SELECT cursor FROM cursors WHERE table_name = $t", null, ("$t", table));
        return command.ExecuteScalar() as string;
    }

    /// <summary>
    /// Forgets the committed cursor of a table, so its next run reads the source from the start (a change-capture
    /// source starts over from a snapshot that replaces the stored rows). Returns the cursor removed, if any.
    /// </summary>
    public string? DeleteCursor(string table)
    {
        var cursor = GetCursor(table);
        using var command = Command("DELETE FROM cursors WHERE table_name = $t", null, ("$t", table));
        command.ExecuteNonQuery();
        return cursor;
    }

    private static List<TableRecord> ReadTables(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var tables = new List<TableRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(new TableRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                StringsFromJson(reader.GetString(4)),
                ColumnsFromJson(reader.GetString(5)),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                ReadTimestamp(reader, 10)));
        }

        return tables;
    }
}
