using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests.Wasm;

/// <summary>
/// A WebAssembly connector in the Lambda bootstrap (ADR 0032): <c>hakiri run --via lambda</c> runs discover and
/// pull-batch of a C guest in the bootstrap behind the local Runtime API, landing exactly what an in-process run lands,
/// and its cursor makes the next run incremental there too.
/// </summary>
[Collection(WasmGuestsCollection.Name)]
public sealed class WasmViaLambdaTests(WasmGuestsFixture guests)
{
    private const string Grants = "\"http:127.0.0.1\", \"env:ITEMS_TOKEN\"";
    private const string Rows = "SELECT id, name, score, active, note FROM items ORDER BY id";

    [Fact]
    public async Task RunViaLambda_CGuest_LandsTheRowsAnInProcessRunLands()
    {
        await using var api = await ItemsApi.StartAsync(250);
        using var inProcess = new TempDirectory();
        using var viaLambda = new TempDirectory();
        foreach (var dir in new[] { inProcess, viaLambda })
        {
            await guests.CopyIntoAsync(dir, "c", "items", "items");
            dir.Write("hakiri.toml", WasmRunTests.Manifest(api.BaseUrl, Grants));
        }

        var local = await HakiriProcess.RunAsync("run", "-m", inProcess.Combine("hakiri.toml"));
        var lambda = await HakiriProcess.RunAsync("run", "-m", viaLambda.Combine("hakiri.toml"), "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path());

        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.True(lambda.ExitCode == 0, lambda.ToString());
        Assert.Contains("discover: 1 connector source(s) to pull", lambda.Stdout, StringComparison.Ordinal);
        var expected = await PlainReaders.DuckDbAsync($"{Rows.Replace("FROM items", $"FROM '{inProcess.Combine(".hakiri", "data")}/items/**/*.parquet'", StringComparison.Ordinal)}");
        var actual = await PlainReaders.DuckDbAsync($"{Rows.Replace("FROM items", $"FROM '{viaLambda.Combine(".hakiri", "data")}/items/**/*.parquet'", StringComparison.Ordinal)}");
        Assert.Equal(250, actual.Length);
        Assert.Equal(expected.Select(r => r.GetRawText()), actual.Select(r => r.GetRawText()));

        // The cursor the bootstrap committed: the next run asks for one page, after item 250, and lands the 50 new items.
        api.Add(50);
        var before = api.Requests;
        var second = await HakiriProcess.RunAsync("run", "-m", viaLambda.Combine("hakiri.toml"), "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(1, api.Requests - before);
        var counts = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n, count(DISTINCT id) AS k FROM '{viaLambda.Combine(".hakiri", "data")}/items/**/*.parquet'");
        Assert.Equal("300", counts[0].GetProperty("n").ToString());
        Assert.Equal("300", counts[0].GetProperty("k").ToString());
    }
}
