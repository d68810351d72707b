using Apache.Arrow;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Postgres;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Postgres;

/// <summary>One PostgreSQL server for the connector's tests; each test creates its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresConnectorCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres connector";
}

/// <summary>Builds a connector over a test database and reads it the way pull-batches do: one reader per batch, cursor handed on.</summary>
internal sealed class PostgresHarness(string dsn, PostgresSourceManifest manifest, IReadOnlyList<string>? primaryKey = null)
{
    public const string Variable = "PG_DSN";

    public List<string> Log { get; } = [];

    public static PostgresSourceManifest Manifest(string? table, PostgresReadMode mode = PostgresReadMode.Snapshot, string? cursorColumn = null,
        int batchRows = 1000, string? query = null, int lagSeconds = 0) =>
        new(Variable, table, query, mode, cursorColumn, batchRows, lagSeconds, null, null);

    public PostgresSourceConnector Connector() => new("orders", "orders", primaryKey ?? [], manifest,
        new ConnectorServices(new HttpClientHandler(), name => name == Variable ? dsn : null, TimeProvider.System, Log.Add));

    /// <summary>
    /// A whole run: pull-batches of one page each (a fresh reader per page, as separate Lambda invocations would),
    /// until the read ends; returns the rows' values of <paramref name="column"/> and the run's final cursor.
    /// </summary>
    public async Task<(List<string?> Values, byte[] Cursor, int Batches)> RunAsync(byte[]? cursor, string column)
    {
        var values = new List<string?>();
        var batches = 0;
        while (true)
        {
            await using var reader = await Connector().OpenAsync("orders", cursor);
            var batch = await reader.NextAsync();
            cursor = reader.Cursor.ToArray();
            if (batch is not null)
            {
                batches++;
                values.AddRange(Strings(batch.Records, column));
            }

            if (!reader.HasMore)
            {
                return (values, cursor, batches);
            }
        }
    }

    public static IEnumerable<string?> Strings(RecordBatch batch, string column)
    {
        var array = batch.Column(batch.Schema.GetFieldIndex(column));
        for (var i = 0; i < batch.Length; i++)
        {
            yield return array switch
            {
                Int64Array a => a.GetValue(i)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Int32Array a => a.GetValue(i)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StringArray a => a.GetString(i),
                _ => throw new InvalidOperationException(array.GetType().Name),
            };
        }
    }
}
