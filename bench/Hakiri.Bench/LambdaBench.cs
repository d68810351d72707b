using System.Diagnostics;
using System.Globalization;
using Hakiri.LocalLambda;

/// <summary>
/// Cold start (process start → first Runtime API request) and warm invocation overhead of the bootstrap, through the
/// same local Runtime API server the emulator uses.
/// </summary>
internal static class LambdaBench
{
    public static async Task<int> RunAsync(string bootstrap)
    {
        var dir = Path.Combine(Path.GetTempPath(), "hakiri-bench-lambda");
        Directory.CreateDirectory(Path.Combine(dir, "in"));
        File.WriteAllText(Path.Combine(dir, "in", "a.csv"), "id\n1\n");
        File.WriteAllText(Path.Combine(dir, "hakiri.toml"), "[project]\nname = \"bench\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"in/*.csv\"\n");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["_HANDLER"] = "index", ["HAKIRI_MANIFEST"] = Path.Combine(dir, "hakiri.toml") };

        var colds = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            await using var cold = LocalLambdaFunction.Start(new BootstrapCommand(bootstrap, [], environment));
            colds.Add((await cold.ColdStartAsync()).TotalMilliseconds);
        }

        await using var function = LocalLambdaFunction.Start(new BootstrapCommand(bootstrap, [], environment));
        const string payload = """{"run_id":"r","pipeline":"t","table":"t"}""";
        await function.InvokeAsync(payload, TimeSpan.FromSeconds(30));
        var warm = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await function.InvokeAsync(payload, TimeSpan.FromSeconds(30));
            warm.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        colds.Sort();
        warm.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bootstrap cold start (process start → first Runtime API request): median {colds[colds.Count / 2]:0.0} ms, max {colds[^1]:0.0} ms (target ≤ 30 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm invocation round trip (index step, Runtime API over loopback): p50 {warm[warm.Count / 2]:0.00} ms, p95 {warm[(int)(warm.Count * 0.95)]:0.00} ms"));
        return 0;
    }
}
