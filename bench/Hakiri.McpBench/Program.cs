using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hakiri.DuckDb;

// Usage: Hakiri.McpBench HAKIRI_BINARY [ROWS] [WORKDIR]
// Lands a generated ROWS-row table with `hakiri run`, then measures (1) `hakiri serve` start → ready over stdio and
// HTTP, and (2) context.query latency (p50/p95) over Streamable HTTP for filtered queries on that table.
var hakiri = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("pass the hakiri binary");
var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var work = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "hakiri-mcp-bench");
var manifest = Path.Combine(work, "hakiri.toml");
Console.WriteLine($"rows: {rows:N0}   machine: {Environment.ProcessorCount} cores   binary: {hakiri}");

if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(Path.Combine(work, "in"));
using (var database = DuckDbDatabase.Open())
using (var connection = database.Connect())
{
    // Deterministic data: 10,000 customers, 5 statuses, amounts 0-999.99, a year of timestamps.
    connection.Execute($"""
        COPY (SELECT i AS event_id, 'c-' || (i % 10000) AS customer_id,
                     ['new', 'paid', 'shipped', 'refunded', 'cancelled'][1 + (i * 7) % 5] AS status,
                     ((i * 7919) % 100000) / 100.0 AS amount,
                     TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_seconds((i * 31) % 31536000) AS happened_at,
                     'note ' || (i % 97) AS note
              FROM range({rows}) t(i))
        TO '{Path.Combine(work, "in", "events.parquet")}' (FORMAT parquet)
        """);
}

File.WriteAllText(manifest, """
    [project]
    name = "mcp-bench"
    [pipelines.events]
    description = "Generated events for the MCP benchmark."
    primary_key = ["event_id"]
    [pipelines.events.source]
    connector = "file"
    path = "in/*.parquet"
    format = "parquet"
    """);
var landed = Stopwatch.StartNew();
Run(hakiri, "run", "-m", manifest);
Console.WriteLine($"landed with hakiri run in {landed.Elapsed.TotalSeconds:0.0} s");

var stdioStarts = new List<double>();
var httpStarts = new List<double>();
for (var i = 0; i < 10; i++)
{
    stdioStarts.Add(await Startup.StdioAsync(hakiri, manifest));
    httpStarts.Add(await Startup.HttpAsync(hakiri, manifest));
}

Console.WriteLine(Stats.Line("serve --stdio start → initialize answered", stdioStarts));
Console.WriteLine(Stats.Line("serve --http  start → initialize answered", httpStarts));

await using var server = await Startup.StartHttpAsync(hakiri, manifest);
using var http = new HttpClient();
// The first call starts loading the table into memory in the background; time the steady state, once it is in.
const string Loaded = """{"sql":"SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'events' AND sql LIKE '%hakiri_cache%'"}""";
var loading = Stopwatch.StartNew();
while (!(await server.QueryAsync(http, Loaded)).Contains("\"n\":1", StringComparison.Ordinal))
{
    await Task.Delay(50);
}

Console.WriteLine($"table loaded into memory {loading.Elapsed.TotalSeconds:0.0} s after the first call");
var queries = new (string Name, Func<int, string> Arguments)[]
{
    ("structured filter (customer + amount), limit 100", i => JsonSerializer.Serialize(new { table = "events", filter = new Dictionary<string, object> { ["customer_id"] = $"c-{i % 10000}", ["amount"] = new Dictionary<string, object> { [">="] = 100 } }, limit = 100 })),
    ("SQL WHERE status + time range, ORDER BY, LIMIT 50", i => JsonSerializer.Serialize(new { sql = $"SELECT event_id, customer_id, amount, happened_at FROM events WHERE status = 'refunded' AND happened_at >= TIMESTAMPTZ '2026-{1 + i % 12:00}-01 00:00:00+00' ORDER BY amount DESC LIMIT 50" })),
    ("SQL aggregate GROUP BY status over all rows", _ => JsonSerializer.Serialize(new { sql = "SELECT status, count(*) AS n, avg(amount) AS avg_amount FROM events GROUP BY ALL ORDER BY status" })),
};
foreach (var (name, arguments) in queries)
{
    for (var i = 0; i < 10; i++)
    {
        await server.CallAsync(http, arguments(i));
    }

    var timings = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await server.CallAsync(http, arguments(i + 10));
        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    Console.WriteLine(Stats.Line($"context.query {name}", timings));
}

return 0;

static void Run(string file, params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    process.StandardOutput.ReadToEnd();
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
    }
}

/// <summary>Percentiles of a sample in milliseconds.</summary>
internal static class Stats
{
    public static string Line(string name, List<double> samples)
    {
        samples.Sort();
        double At(double q) => samples[Math.Min(samples.Count - 1, (int)(q * samples.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"{name,-60} n={samples.Count,4}  p50 {At(0.5),7:0.0} ms  p95 {At(0.95),7:0.0} ms  max {samples[^1],7:0.0} ms");
    }
}

/// <summary>Starting hakiri serve and timing it until it answers initialize.</summary>
internal static class Startup
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";

    public static async Task<double> StdioAsync(string hakiri, string manifest)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo(hakiri, ["serve", "--stdio", "-m", manifest])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.StandardInput.WriteLineAsync(Initialize);
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (line is null || !line.Contains("\"serverInfo\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected answer: {line}");
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return elapsed;
    }

    public static async Task<double> HttpAsync(string hakiri, string manifest)
    {
        var started = Stopwatch.GetTimestamp();
        await using var server = await StartHttpAsync(hakiri, manifest);
        using var http = new HttpClient();
        await server.PostAsync(http, Initialize);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public static async Task<HttpServer> StartHttpAsync(string hakiri, string manifest)
    {
        var process = Process.Start(new ProcessStartInfo(hakiri, ["serve", "-m", manifest, "--http", "127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            const string Marker = "Streamable HTTP at ";
            if (e.Data is { } line && line.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
            {
                url.TrySetResult(line[(at + Marker.Length)..].Trim());
            }
        };
        process.BeginErrorReadLine();
        return new HttpServer(process, new Uri(await url.Task.WaitAsync(TimeSpan.FromSeconds(60))));
    }
}

/// <summary>A running hakiri serve --http.</summary>
internal sealed class HttpServer(Process process, Uri url) : IAsyncDisposable
{
    private int _id = 1;

    public async Task CallAsync(HttpClient http, string arguments) => await QueryAsync(http, arguments);

    public async Task<string> QueryAsync(HttpClient http, string arguments)
    {
        var body = $$$"""{"jsonrpc":"2.0","id":{{{Interlocked.Increment(ref _id)}}},"method":"tools/call","params":{"name":"context.query","arguments":{{{arguments}}}}}""";
        var answer = await PostAsync(http, body);
        if (answer.Contains("\"isError\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the query failed: {answer}");
        }

        return answer;
    }

    public async Task<string> PostAsync(HttpClient http, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
