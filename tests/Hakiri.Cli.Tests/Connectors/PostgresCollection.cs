using System.Globalization;
using System.Text;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>One PostgreSQL server for every postgres test of the CLI; each test creates its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";

    public const string Variable = "ORDERS_DATABASE_URL";

    // A postgres pipeline; extra lines go under [pipelines.NAME.source].
    public static string Manifest(string table, string mode = "snapshot", string? cursorColumn = null, int batchRows = 50_000, string extra = "", string pipelineExtra = "") => $$"""
        [project]
        name = "pg"

        [pipelines.orders]
        {{pipelineExtra}}

        [pipelines.orders.source]
        connector = "postgres"
        dsn_env = "{{Variable}}"
        {{(table.StartsWith("SELECT", StringComparison.Ordinal) ? $"query = \"{table}\"" : $"table = \"{table}\"")}}
        mode = "{{mode}}"
        {{(cursorColumn is null ? string.Empty : $"cursor_column = \"{cursorColumn}\"")}}
        batch_rows = {{batchRows.ToString(CultureInfo.InvariantCulture)}}
        {{extra}}

        """;

    public static Dictionary<string, string> Environment(string dsn, int? pullRows = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [Variable] = dsn };
        if (pullRows is { } rows)
        {
            environment["HAKIRI_CONNECTOR_BATCH_ROWS"] = rows.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>Every row of a PostgreSQL table as "key|value|…" lines ordered by key: the checksum the store must match.</summary>
    public static string Rows(PostgresServer server, string database, string sql)
    {
        using var connection = server.Open(database);
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Append(reader.IsDBNull(0) ? "NULL" : reader.GetString(0)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The same lines from the landed Parquet files, read by DuckDB's own client.</summary>
    public static async Task<string> StoreRows(TempDirectory dir, string sql)
    {
        var rows = await PlainReaders.DuckDbAsync(sql.Replace("{orders}", $"read_parquet('{dir.Combine(".hakiri", "data")}/orders/**/*.parquet')", StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var value = row.EnumerateObject().First().Value;
            text.Append(value.ValueKind == System.Text.Json.JsonValueKind.Null ? "NULL" : value.ToString()).Append('\n');
        }

        return text.ToString();
    }
}
