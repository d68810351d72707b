using Apache.Arrow;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Postgres.Cdc;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Postgres.Cdc;

/// <summary>One PostgreSQL server for the change-capture tests; each test creates its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCdcCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres cdc";
}

/// <summary>A change read as a list of (operation, key, value) rows.</summary>
internal sealed record Change(string Op, string? Id, string? Value);

/// <summary>Builds a cdc connector over a test database and reads it the way a run's pull-batches do.</summary>
internal sealed class CdcHarness(string dsn, string table = "public.items", int batchRows = 1000, string pipeline = "items")
{
    public const string Variable = "PG_DSN";

    public List<string> Log { get; } = [];

    public PostgresSourceManifest Manifest { get; } = new(Variable, table, null, PostgresReadMode.Cdc, null, batchRows, 0, null, null);

    public PostgresCdcConnector Connector() => new(pipeline, "items", [], Manifest,
        new ConnectorServices(new HttpClientHandler(), name => name == Variable ? dsn : null, TimeProvider.System, Log.Add));

    /// <summary>
    /// A run: acknowledges <paramref name="committed"/> (as pull-batch 0 does), then reads with a fresh reader per
    /// batch until the read ends; returns every change row and the cursor the run would commit.
    /// </summary>
    public async Task<(List<Change> Changes, byte[] Cursor, int Batches)> RunAsync(byte[]? committed, string valueColumn = "v")
    {
        var changes = new List<Change>();
        var cursor = committed;
        var batches = 0;
        var first = true;
        while (true)
        {
            var connector = Connector();
            if (first && committed is not null)
            {
                await connector.AcknowledgeAsync("items", committed);
            }

            first = false;
            await using var reader = await connector.OpenAsync("items", cursor);
            var batch = await reader.NextAsync();
            cursor = reader.Cursor.ToArray();
            if (batch is not null)
            {
                batches++;
                changes.AddRange(Rows(batch.Records, valueColumn));
            }

            if (!reader.HasMore)
            {
                return (changes, cursor, batches);
            }
        }
    }

    public static IEnumerable<Change> Rows(RecordBatch batch, string valueColumn)
    {
        var ops = (StringArray)batch.Column(batch.Schema.GetFieldIndex(ChangeOperation.Column));
        var ids = batch.Column(batch.Schema.GetFieldIndex("id"));
        var values = batch.Schema.GetFieldIndex(valueColumn) is >= 0 and var v ? batch.Column(v) : null;
        for (var i = 0; i < batch.Length; i++)
        {
            yield return new Change(ops.GetString(i), Text(ids, i), values is null ? null : Text(values, i));
        }
    }

    private static string? Text(IArrowArray array, int i) => array switch
    {
        Int64Array a => a.GetValue(i)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Int32Array a => a.GetValue(i)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StringArray a => a.GetString(i),
        _ => throw new InvalidOperationException(array.GetType().Name),
    };

    public static string Text(byte[] cursor) => System.Text.Encoding.UTF8.GetString(cursor);
}
