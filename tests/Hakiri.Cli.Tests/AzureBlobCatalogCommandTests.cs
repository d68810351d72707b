using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>The catalog commands — tables, runs, reset — on an azblob store (Azurite on 127.0.0.1).</summary>
[Collection("azurite")]
public sealed class AzureBlobCatalogCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TablesAndRuns_OnBlobStore_ReadTheCommittedCatalog()
    {
        var container = await azurite.NewContainerAsync();
        using var project = AzuriteFixture.Quickstart(container, "catalog");
        var manifest = project.Combine("hakiri.toml");
        var run = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "run", "-m", manifest);

        var tables = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "tables", "-m", manifest);
        var runs = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "runs", "-m", manifest);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(tables.ExitCode == 0, tables.ToString());
        Assert.Contains("orders: 9 rows in", tables.Stdout, StringComparison.Ordinal);
        Assert.Contains("customers: 4 rows in", tables.Stdout, StringComparison.Ordinal);
        Assert.True(runs.ExitCode == 0, runs.ToString());
        Assert.Contains("succeeded", runs.Stdout, StringComparison.Ordinal);
        Assert.Contains("21 rows", runs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_HttpPipelineOnBlobStore_NextRunReadsFromTheStart()
    {
        await using var api = await Hakiri.Testing.Http.TicketsApi.StartAsync(120);
        api.Token = Connectors.HttpPipelineTests.Token;
        var container = await azurite.NewContainerAsync();
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Connectors.HttpPipelineTests.Manifest(api.BaseUrl, perPage: 50)
            .Replace("[project]\n", $"[project]\nstore = \"azblob://{container.Name}/api\"\n", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>(azurite.Server.Environment, StringComparer.Ordinal) { ["TICKETS_TOKEN"] = Connectors.HttpPipelineTests.Token };

        var first = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        var afterFirst = api.Requests;
        var incremental = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        var afterIncremental = api.Requests;
        var reset = await HakiriProcess.RunWithEnvironmentAsync(environment, "reset", "tickets", "-m", manifest);
        var again = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        var count = await HakiriProcess.RunWithEnvironmentAsync(environment, "query", "-m", manifest, "-f", "csv", "SELECT count(*) AS n FROM tickets");

        Assert.All(new[] { first, incremental, reset, again }, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(3, afterFirst);
        Assert.Equal(1, afterIncremental - afterFirst);
        Assert.Equal(3, api.Requests - afterIncremental);
        Assert.Equal("n\n120\n", count.Stdout);
    }
}
