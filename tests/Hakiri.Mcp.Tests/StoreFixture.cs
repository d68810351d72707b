using System.Text.Json;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store;
using Hakiri.Testing;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests;

/// <summary>The quickstart landed once by the real CLI, opened read-only in-process; shared by the collection.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public string Manifest => _directory.Combine("hakiri.toml");

    public string StoreRoot => _directory.Combine(".hakiri");

    public ContextStore Store { get; private set; } = null!;

    public ContextToolset Tools { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        global::Hakiri.Testing.ProjectCopy.WithoutStore(RepoPaths.Of("samples", "quickstart"), _directory.Path);
        var run = await Hakiri.RunAsync("run", "-m", Manifest);
        Assert.True(run.ExitCode == 0, run.ToString());
        Store = ContextStore.Open(new StoreLayout(StoreRoot));
        Tools = new ContextToolset(Store);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Calls a tool in-process.</summary>
    public async Task<CallToolResult> CallAsync(string tool, string argumentsJson = "{}", ContextToolset? tools = null)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson)!;
        return await (tools ?? Tools).CallAsync(tool, arguments);
    }

    /// <summary>The same SQL through <c>hakiri query -f json</c>, run as a process.</summary>
    public async Task<JsonElement[]> CliQueryAsync(string sql)
    {
        var result = await Hakiri.RunAsync("query", "-m", Manifest, "-f", "json", sql);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<JsonElement[]>(result.Stdout)!;
    }

    /// <summary>A toolset over the same store with other limits.</summary>
    public ContextToolset WithLimits(QueryLimits limits) => new(Store, limits);
}

[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<StoreFixture>
{
    public const string Name = "quickstart store";
}
