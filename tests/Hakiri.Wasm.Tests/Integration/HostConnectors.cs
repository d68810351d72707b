using System.Collections.Concurrent;
using Apache.Arrow;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Testing.Http;

namespace Hakiri.Wasm.Tests.Integration;

/// <summary>
/// Builds connectors the way a pipeline run does: a <see cref="WasmSourceManifest"/> whose <c>connector.toml</c> is
/// constructed per test, handed to <see cref="WasmConnectors.Create"/> with real services (network, clock) and a test
/// environment and log.
/// </summary>
internal static class HostConnectors
{
    private static readonly HttpMessageHandler Network = ConnectorServices.CreateNetworkHandler(followRedirects: false);

    /// <summary>What a connector asks for: <c>http = ["127.0.0.1"]</c> (any port) and the given variables.</summary>
    public static ConnectorCapabilities Loopback(params string[] environment) => new([new HostPattern("127.0.0.1", null)], environment, false);

    /// <summary>Creates the connector <paramref name="name"/> whose module is <paramref name="wasmPath"/>.</summary>
    public static WasmSourceConnector Create(
        string name,
        string wasmPath,
        IReadOnlyDictionary<string, string> config,
        ConnectorCapabilities asked,
        ConnectorLimits? limits = null,
        IReadOnlyDictionary<string, string>? environment = null,
        ConcurrentQueue<string>? log = null,
        TimeProvider? clock = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(wasmPath))!;
        var manifest = new ConnectorManifest(
            name, "0.1.0", ConnectorKind.Source, Path.GetFileName(wasmPath), "", asked, limits ?? ConnectorLimits.Default,
            Path.Combine(directory, "connector.toml"));
        var services = new ConnectorServices(
            Network,
            variable => environment is not null && environment.TryGetValue(variable, out var value) ? value : null,
            clock ?? TimeProvider.System,
            log is null ? null : log.Enqueue);
        var connector = WasmConnectors.Create(new WasmSourceManifest(new ConnectorReference(name, directory, manifest, asked), config), services);
        return Assert.IsType<WasmSourceConnector>(connector);
    }

    /// <summary>The config of an items guest reading <paramref name="api"/>, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string> ItemsConfig(ItemsApi api, params (string Key, string Value)[] more)
    {
        var config = new Dictionary<string, string> { ["base_url"] = api.BaseUrl, ["page_size"] = "100" };
        foreach (var (key, value) in more)
        {
            config[key] = value;
        }

        return config;
    }

    /// <summary>Reads table items to the end, checking each batch's rows against <see cref="ItemsApi"/>'s values.</summary>
    /// <returns>Each batch's locator, the reader's cursor and HasMore after it, and the ids it held.</returns>
    public static async Task<List<ReadBatch>> ReadItemsAsync(ISourceConnector connector, string? cursor = null)
    {
        await using var reader = await connector.OpenAsync("items", cursor is null ? null : System.Text.Encoding.UTF8.GetBytes(cursor));
        var batches = new List<ReadBatch>();
        while (await reader.NextAsync() is { } batch)
        {
            var ids = CheckItems(batch.Records);
            batches.Add(new ReadBatch(batch.Locator, System.Text.Encoding.UTF8.GetString(reader.Cursor.Span), reader.HasMore, ids));
            Assert.Equal("items", batch.Schema.Name);
        }

        Assert.False(reader.HasMore);
        Assert.Null(await reader.NextAsync());
        return batches;
    }

    /// <summary>A fresh honest C items connector in this process reads all of <paramref name="api"/>'s items.</summary>
    public static async Task AssertHonestReadAsync(string itemsWasm, ItemsApi api)
    {
        using var connector = Create("items", itemsWasm, ItemsConfig(api), Loopback());
        var batches = await ReadItemsAsync(connector);
        Assert.Equal(Enumerable.Range(1, api.Count).Select(i => (long)i), batches.SelectMany(b => b.Ids));
    }

    /// <summary>Checks every value of a batch of items against the API's and returns its ids.</summary>
    private static List<long> CheckItems(RecordBatch records)
    {
        Assert.Equal(["id", "name", "score", "active", "note"], records.Schema.FieldsList.Select(f => f.Name));
        var id = (Int64Array)records.Column("id");
        var name = (StringArray)records.Column("name");
        var score = (DoubleArray)records.Column("score");
        var active = (BooleanArray)records.Column("active");
        var note = (StringArray)records.Column("note");
        var ids = new List<long>(records.Length);
        for (var row = 0; row < records.Length; row++)
        {
            var value = id.GetValue(row)!.Value;
            ids.Add(value);
            Assert.Equal(ItemsApi.NameOf(value), name.GetString(row));
            Assert.Equal(ItemsApi.ScoreOf(value), score.GetValue(row));
            Assert.Equal(ItemsApi.ActiveOf(value), active.GetValue(row));
            Assert.Equal(ItemsApi.NoteOf(value), note.IsNull(row) ? null : note.GetString(row));
        }

        return ids;
    }
}

/// <summary>One batch of a read: its locator, the reader's cursor and HasMore after it, and its ids.</summary>
internal sealed record ReadBatch(string Locator, string Cursor, bool HasMore, List<long> Ids);
