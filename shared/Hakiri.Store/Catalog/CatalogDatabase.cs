using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Hakiri.Store.Catalog;

/// <summary>
/// The SQLite catalog of a local store: runs, tables, live files, lineage, cursors and ingested source files.
/// One instance per process and store; every change is one transaction.
/// </summary>
public sealed partial class CatalogDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;

    private CatalogDatabase(SqliteConnection connection, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
    }

    /// <summary>Opens (creating when missing) the catalog of <paramref name="layout"/>.</summary>
    public static CatalogDatabase Open(StoreLayout layout, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Directory.CreateDirectory(layout.Root);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = layout.CatalogPath,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        var catalog = new CatalogDatabase(connection, clock ?? TimeProvider.System);
        catalog.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        using (var transaction = connection.BeginTransaction())
        {
            catalog.Execute(CatalogSchema.Create, transaction);
            catalog.Execute($"INSERT OR IGNORE INTO meta(key, value) VALUES ('format_version', '{CatalogSchema.Version}');", transaction);
            transaction.Commit();
        }

        return catalog;
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private string Now() => Timestamp(_clock.GetUtcNow());

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ReadTimestamp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string ToJson(IReadOnlyList<string> values) => JsonSerializer.Serialize(values.ToList(), CatalogJsonContext.Default.ListString);

    private static string ToJson(IReadOnlyList<ColumnSchema> values) => JsonSerializer.Serialize(values.ToList(), CatalogJsonContext.Default.ListColumnSchema);

    private static List<string> StringsFromJson(string json) => JsonSerializer.Deserialize(json, CatalogJsonContext.Default.ListString) ?? [];

    private static List<ColumnSchema> ColumnsFromJson(string json) => JsonSerializer.Deserialize(json, CatalogJsonContext.Default.ListColumnSchema) ?? [];

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
