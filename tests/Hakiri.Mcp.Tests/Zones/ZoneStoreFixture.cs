using System.Collections.Concurrent;
using System.Text.Json;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store;
using Hakiri.Testing;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests.Zones;

/// <summary>
/// The quickstart with zone policies, landed once by the real CLI: <c>orders</c> allowed only in <c>on-prem:*</c>,
/// <c>customers.name</c> tagged <c>phi</c> (local:device and on-prem:*), <c>products.description</c> allowed in
/// local:device, on-prem:* and private-cloud:*. Callers come as a token holder in a zone, or as an open session (<c>--zone</c>).
/// </summary>
public sealed class ZoneStoreFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly ConcurrentDictionary<string, ContextToolset> _open = new(StringComparer.Ordinal);

    public string Directory => _directory.Path;

    public string Manifest => _directory.Combine("hakiri.toml");

    public ContextStore Store { get; private set; } = null!;

    public ContextToolset Tools { get; private set; } = null!;

    public AuditList Audit { get; } = new();

    public async Task InitializeAsync()
    {
        Write(_directory.Path);
        var run = await Hakiri.RunAsync("run", "-m", Manifest);
        Assert.True(run.ExitCode == 0, run.ToString());
        Store = ContextStore.Open(new StoreLayout(_directory.Combine(".hakiri")));
        Tools = new ContextToolset(Store, audit: Audit);
    }

    /// <summary>Copies the quickstart into <paramref name="to"/> and adds the zone policies to its manifest.</summary>
    public static void Write(string to)
    {
        var from = RepoPaths.Of("samples", "quickstart");
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (!relative.StartsWith(".hakiri", StringComparison.Ordinal))
            {
                var target = Path.Combine(to, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }

        var manifest = Path.Combine(to, "hakiri.toml");
        var text = File.ReadAllText(manifest).Replace("primary_key = [\"order_id\"]\n", "primary_key = [\"order_id\"]\ninference_zone_allowed = [\"on-prem:*\"]\n", StringComparison.Ordinal);
        Assert.Contains("inference_zone_allowed", text, StringComparison.Ordinal);
        // customers.ssn does not exist: its policy withholds nothing, and no note may name it.
        text += "\n[pipelines.customers.columns.name]\ntags = [\"phi\"]\n\n[pipelines.customers.columns.ssn]\ntags = [\"phi\"]\n"
            + "\n[pipelines.products.columns.description]\ninference_zone_allowed = [\"local:device\", \"on-prem:*\", \"private-cloud:*\"]\n";
        File.WriteAllText(manifest, text);
    }

    /// <summary>Calls a tool as a caller in <paramref name="zone"/> (null: none declared), by token or in an open session.</summary>
    public async Task<CallToolResult> CallAsync(string? zone, bool open, string tool, object arguments)
    {
        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(arguments))!;
        return open
            ? await OpenTools(zone).CallAsync(tool, parsed, null, CancellationToken.None)
            : await Tools.CallAsync(tool, parsed, Token(zone), CancellationToken.None);
    }

    /// <summary>A token scope for every table, in <paramref name="zone"/>.</summary>
    public static AccessScope Token(string? zone) => new AccessScope(new Subject("agent-z"), "tok-z", ["tok-z"],
        [new ScopeBlock(["*"], ["read"], [], [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue)]) { Zone = zone };

    /// <summary>A toolset over the store for sessions without a token in <paramref name="zone"/> (<c>hakiri serve --zone</c>).</summary>
    public ContextToolset OpenTools(string? zone) => _open.GetOrAdd(zone ?? "-", _ => new ContextToolset(Store, audit: Audit) { Zone = zone });

    public Task DisposeAsync()
    {
        foreach (var tools in _open.Values)
        {
            tools.Dispose();
        }

        Tools.Dispose();
        Store.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Keeps every audit record.</summary>
    public sealed class AuditList : IAuditSink
    {
        private readonly ConcurrentQueue<AuditRecord> _records = new();

        public IReadOnlyList<AuditRecord> Records => [.. _records];

        public void Record(AuditRecord record) => _records.Enqueue(record);
    }
}

[CollectionDefinition(Name)]
public sealed class ZoneStoreCollection : ICollectionFixture<ZoneStoreFixture>
{
    public const string Name = "zoned quickstart store";
}
