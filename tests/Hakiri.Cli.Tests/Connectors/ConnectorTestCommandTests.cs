using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>
/// <c>hakiri run --record</c> then <c>hakiri connector test</c>: the replay needs no network (the API is gone), lands
/// the same rows the recorded run did, keeps secrets out of the cassette, and fails clearly when the connector asks
/// for something the cassette does not hold.
/// </summary>
public sealed class ConnectorTestCommandTests
{
    [Fact]
    public async Task ConnectorTest_AfterRecord_ReplaysOfflineWithTheSameRows()
    {
        using var dir = new TempDirectory();
        string manifest;
        ProcessResult recorded;
        await using (var api = await TicketsApi.StartAsync(230))
        {
            api.Token = HttpPipelineTests.Token;
            manifest = dir.Write("hakiri.toml", HttpPipelineTests.Manifest(api.BaseUrl, perPage: 50));
            recorded = await HakiriProcess.RunWithEnvironmentAsync(HttpPipelineTests.Environment, "run", "--record", "tickets", "-m", manifest);
        }

        var replayed = await HakiriProcess.RunAsync("connector", "test", "tickets", "-m", manifest);

        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Contains("recorded 5 HTTP exchange(s) of pipeline 'tickets'", recorded.Stdout, StringComparison.Ordinal);
        Assert.True(replayed.ExitCode == 0, replayed.ToString());
        Assert.Contains("table tickets: 230 row(s) from 5 replayed exchange(s)", replayed.Stdout, StringComparison.Ordinal);
        Assert.Contains("assignee  JSON", replayed.Stdout, StringComparison.Ordinal);
        Assert.Contains("id  BIGINT  (primary key)", replayed.Stdout, StringComparison.Ordinal);
        var cassette = File.ReadAllText(dir.Combine("fixtures", "tickets", "cassette.json"));
        Assert.Contains("[redacted]", cassette, StringComparison.Ordinal);
        HttpPipelineTests.AssertNoSecret(dir.Path, recorded, replayed);
        Assert.False(Directory.Exists(dir.Combine("fixtures", "tickets", ".hakiri")));
    }

    [Fact]
    public async Task ConnectorTest_RequestMissingFromCassette_ExitsOneNamingMethodAndUrl()
    {
        using var dir = new TempDirectory();
        string manifest;
        await using (var api = await TicketsApi.StartAsync(60))
        {
            api.Token = HttpPipelineTests.Token;
            manifest = dir.Write("hakiri.toml", HttpPipelineTests.Manifest(api.BaseUrl, perPage: 50));
            var recorded = await HakiriProcess.RunWithEnvironmentAsync(HttpPipelineTests.Environment, "run", "--record", "-m", manifest);
            Assert.True(recorded.ExitCode == 0, recorded.ToString());
            File.WriteAllText(manifest, HttpPipelineTests.Manifest(api.BaseUrl, perPage: 20));
        }

        var replayed = await HakiriProcess.RunAsync("connector", "test", "tickets", "-m", manifest);

        Assert.Equal(1, replayed.ExitCode);
        Assert.Contains("GET http://127.0.0.1:", replayed.Stderr, StringComparison.Ordinal);
        Assert.Contains("per_page=20", replayed.Stderr, StringComparison.Ordinal);
        Assert.Contains("hakiri run --record tickets", replayed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorTest_BadInput_ExitsTwoWithASentence()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", HttpPipelineTests.Manifest("http://127.0.0.1:9", perPage: 10));
        dir.Write("bad.json", "{\"version\": 1, \"interactions\": [");

        var missingCassette = await HakiriProcess.RunAsync("connector", "test", "tickets", "-m", manifest);
        var unknownPipeline = await HakiriProcess.RunAsync("connector", "test", "nope", "-m", manifest);
        var malformed = await HakiriProcess.RunAsync("connector", "test", "tickets", "-m", manifest, "--cassette", dir.Combine("bad.json"));

        Assert.Equal(2, missingCassette.ExitCode);
        Assert.Contains("hakiri run --record tickets", missingCassette.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknownPipeline.ExitCode);
        Assert.Contains("no pipeline named 'nope'", unknownPipeline.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("bad.json:1:", malformed.Stderr, StringComparison.Ordinal);
    }
}
