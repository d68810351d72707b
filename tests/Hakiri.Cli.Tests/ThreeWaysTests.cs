using System.Text.RegularExpressions;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>
/// One manifest run three ways — the emulator with steps in-process, the emulator driving the Lambda bootstrap
/// through a local Runtime API, and against an S3 store on moto_server — lands the same rows, and each run records
/// the hash of the very ASL definition `hakiri emit asl` writes.
/// </summary>
public sealed partial class ThreeWaysTests : IDisposable
{
    private const string ContentHash = """
        SELECT (SELECT md5(string_agg(r, '|' ORDER BY r)) FROM (SELECT CAST(COLUMNS(* EXCLUDE (_hakiri_run_id, _hakiri_ingested_at)) AS VARCHAR) FROM orders) AS o(r))
            || (SELECT md5(string_agg(CAST(c AS VARCHAR), '|' ORDER BY CAST(c AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM customers) AS c)
            || (SELECT md5(string_agg(CAST(p AS VARCHAR), '|' ORDER BY CAST(p AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM products) AS p) AS h
        """;

    private readonly MotoServer _moto = new();

    public void Dispose() => _moto.Dispose();

    [Fact]
    public async Task OneManifest_ThreeWays_SameRowsAndTheEmittedDefinition()
    {
        using var inProcess = Samples.CopyQuickstart();
        using var viaLambda = Samples.CopyQuickstart();
        using var onS3 = Samples.CopyQuickstart();
        var bucket = await NewBucketAsync();
        var s3Manifest = onS3.Combine("hakiri.toml");
        File.WriteAllText(s3Manifest, File.ReadAllText(s3Manifest).Replace("[project]\n", $"[project]\nstore = \"s3://{bucket}/three\"\n", StringComparison.Ordinal));

        var emitted = await HakiriProcess.RunAsync("emit", "asl", "-m", inProcess.Combine("hakiri.toml"), "-o", inProcess.Combine("definition.asl.json"));
        var runs = new[]
        {
            await HakiriProcess.RunAsync("run", "-m", inProcess.Combine("hakiri.toml")),
            await HakiriProcess.RunAsync("run", "-m", viaLambda.Combine("hakiri.toml"), "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path()),
            await HakiriProcess.RunWithEnvironmentAsync(_moto.Environment, "run", "-m", s3Manifest),
        };

        Assert.True(emitted.ExitCode == 0, emitted.ToString());
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var hashes = new[]
        {
            await HashAsync(inProcess.Combine("hakiri.toml"), null),
            await HashAsync(viaLambda.Combine("hakiri.toml"), null),
            await HashAsync(s3Manifest, _moto.Environment),
        };
        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(hashes[0], hashes[2]);
        Assert.Matches("^[0-9a-f]{96}$", hashes[0]);

        var definition = Sha256().Match(emitted.Stdout).Groups[1].Value;
        foreach (var (manifest, environment) in new[] { (inProcess.Combine("hakiri.toml"), (IReadOnlyDictionary<string, string>?)null), (viaLambda.Combine("hakiri.toml"), null), (s3Manifest, _moto.Environment) })
        {
            var listed = await Run(environment, "runs", "-m", manifest);
            var runId = listed.Stdout.Split(' ', 2)[0];
            var shown = await Run(environment, "runs", "show", runId, "-m", manifest);
            Assert.Contains($"state machine definition sha256 {definition}", shown.Stdout, StringComparison.Ordinal);
            Assert.Contains("ExecutionSucceeded", shown.Stdout, StringComparison.Ordinal);
            Assert.Contains("MapIterationSucceeded", shown.Stdout, StringComparison.Ordinal);
        }
    }

    private static Task<ProcessResult> Run(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        environment is null ? HakiriProcess.RunAsync(args) : HakiriProcess.RunWithEnvironmentAsync(environment, args);

    private static async Task<string> HashAsync(string manifest, IReadOnlyDictionary<string, string>? environment)
    {
        var result = await Run(environment, "query", "-m", manifest, "-f", "csv", ContentHash);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
    }

    private async Task<string> NewBucketAsync()
    {
        using var client = Hakiri.Store.S3.S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
        var name = "hakiri-" + Guid.NewGuid().ToString("N")[..16];
        await client.PutBucketAsync(name);
        return name;
    }

    [GeneratedRegex("sha256 ([0-9a-f]{64})")]
    private static partial Regex Sha256();
}
