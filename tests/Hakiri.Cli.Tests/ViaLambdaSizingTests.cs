using System.Globalization;
using System.Text;
using Hakiri.Cli.Commands;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>
/// <c>hakiri run --via lambda</c> sizes each function as Lambda sizes the deployed one: from <c>[deploy.aws] memory_mb</c>
/// (<c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>, and the DuckDB limit the stack sets), not from this machine's cores.
/// </summary>
public sealed class ViaLambdaSizingTests
{
    private const string Manifest = """
        [project]
        name = "sizing"
        [pipelines.events.source]
        connector = "file"
        path = "in/*.ndjson"
        format = "ndjson"
        """;

    [Fact]
    public async Task RunViaLambda_AtTheDefaultMemory_ConvertsALargeFileInOnePass()
    {
        // 40 MB: above the two 16 MiB ranges a pull splits a file into (ADR 0030).
        using var inProcess = NewProject();
        using var viaLambda = NewProject();

        var split = await HakiriProcess.RunWithEnvironmentAsync(
            new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_PULL_RANGES"] = "2" }, "run", "-m", inProcess.Combine("hakiri.toml"));
        var onePass = await HakiriProcess.RunAsync("run", "-m", viaLambda.Combine("hakiri.toml"), "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path());

        Assert.True(split.ExitCode == 0, split.ToString());
        Assert.True(onePass.ExitCode == 0, onePass.ToString());
        // In this process the file splits (so it is large enough); a 1,024 MB function has one vCPU's worth, so one range.
        Assert.NotEmpty(RangeFiles(inProcess));
        Assert.Empty(RangeFiles(viaLambda));
        foreach (var project in new[] { inProcess, viaLambda })
        {
            var rows = await PlainReaders.DuckDbAsync(
                $"SELECT count(*) AS n, count(DISTINCT _hakiri_record) AS r, max(_hakiri_record) AS last FROM '{project.Combine(".hakiri", "data", "events")}/**/*.parquet'");
            Assert.Equal(Lines.ToString(CultureInfo.InvariantCulture), rows[0].GetProperty("n").ToString());
            Assert.Equal(Lines.ToString(CultureInfo.InvariantCulture), rows[0].GetProperty("r").ToString());
            Assert.Equal(Lines.ToString(CultureInfo.InvariantCulture), rows[0].GetProperty("last").ToString());
        }
    }

    [Fact]
    public void Environment_ComesFromDeployAws_AndAnExportedDuckDbLimitWins()
    {
        var manifest = new ProjectManifest("p", string.Empty, new LocalStoreLocation("/tmp/store"), [], "/work/p/hakiri.toml")
        {
            Aws = AwsDeployment.Default with { MemoryMb = 2048 },
        };

        var deployed = LocalFunctionEnvironment.For(manifest, "write", _ => null);
        var exported = LocalFunctionEnvironment.For(manifest, "write", name => name == "HAKIRI_DUCKDB_MEMORY_LIMIT" ? "300MB" : null);

        Assert.Equal("write", deployed["_HANDLER"]);
        Assert.Equal("/work/p/hakiri.toml", deployed["HAKIRI_MANIFEST"]);
        Assert.Equal("2048", deployed["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);
        Assert.Equal("1536MB", deployed["HAKIRI_DUCKDB_MEMORY_LIMIT"]);
        Assert.Equal("2048", exported["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);
        Assert.False(exported.ContainsKey("HAKIRI_DUCKDB_MEMORY_LIMIT"));
    }

    private const int Lines = 400_000;

    private static TempDirectory NewProject()
    {
        var project = new TempDirectory();
        project.Write("hakiri.toml", Manifest);
        var data = new StringBuilder();
        for (var i = 1; i <= Lines; i++)
        {
            data.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"name\":\"Événement {i} — Tromsø\",\"amount\":{i % 997}.25,\"tags\":[\"a\",\"b\"],\"note\":null}}\n");
        }

        project.Write(Path.Combine("in", "events.ndjson"), data.ToString());
        return project;
    }

    private static string[] RangeFiles(TempDirectory project) =>
        Directory.GetFiles(project.Combine(".hakiri", "data", "events"), "*.r01.parquet", SearchOption.AllDirectories);
}
