using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hakiri.DuckDb;

// Usage: Hakiri.Bench ingest HAKIRI_BINARY [ROWS] [WORKDIR] [nested-ndjson,flat-ndjson,flat-csv]   (BENCH_RUNS=N: the fastest of N runs per figure)
//        Hakiri.Bench lambda BOOTSTRAP_BINARY
//        Hakiri.Bench http HAKIRI_BINARY [RECORDS] [PAGES] [WORKDIR]
//        Hakiri.Bench serve-tickets [RECORDS]
//        Hakiri.Bench sql [setting=value]... STATEMENT...        (times each statement, prints EXPLAIN/SELECT results; for profiling by hand)
//        Hakiri.Bench postgres HAKIRI_BINARY [ROWS] [WORKDIR]
//        Hakiri.Bench postgres-cdc HAKIRI_BINARY [TABLE_ROWS] [CHANGES] [WORKDIR]
//        Hakiri.Bench wasm HAKIRI_BINARY [ITEMS] [WORKDIR]
//        Hakiri.Bench wasm-read WASM BASE_URL fuel|no-fuel ROUNDS     (the fuel figure's child process)
//        Hakiri.Bench audit [HAKIRI_BINARY|-] [RECORDS] [WORKDIR]
//        Hakiri.Bench index HAKIRI_BINARY [TICKETS] [VECTOR_ROWS] [WORKDIR]
//        Hakiri.Bench ingest-data PATH ROWS nested|flat ndjson|csv [upsert]   (writes one of the ingest benchmark's inputs; for profiling by hand)
if (args.Length > 0 && args[0] == "ingest-data")
{
    IngestData.Write(Path.GetFullPath(args[1]), long.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], upsert: args.Length > 5 && args[5] == "upsert");
    return 0;
}

if (args.Length > 0 && args[0] == "lambda")
{
    return await LambdaBench.RunAsync(Path.GetFullPath(args[1]));
}

if (args.Length > 0 && args[0] == "audit")
{
    return AuditBench.Run(args.Length > 1 && args[1] != "-" ? Path.GetFullPath(args[1]) : null,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "hakiri-bench-audit"));
}

if (args.Length > 0 && args[0] == "index")
{
    return await IndexBench.RunAsync(Path.GetFullPath(args[1]),
        args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 100_000,
        Path.GetFullPath(args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "hakiri-bench-index")));
}

if (args.Length > 0 && args[0] == "sql")
{
    // For profiling by hand: times each SQL statement in a fresh in-memory DuckDB with the step's settings
    // (threads, memory limit; `key=value` arguments override them).
    var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["threads"] = "1", ["memory_limit"] = "192MB", ["preserve_insertion_order"] = "true" };
    foreach (var statement in args[1..])
    {
        if (statement.Split('=') is [var name, var value] && !statement.Contains(' ', StringComparison.Ordinal))
        {
            settings[name] = value;
            continue;
        }

        var clock = Stopwatch.StartNew();
        using var database = DuckDbDatabase.Open(null, settings);
        using var connection = database.Connect();
        if (statement.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            // Prints what a query returns (a plan, a check), up to 50 rows.
            using var reader = connection.Query(statement);
            for (var shown = 0; shown < 50 && reader.Read(); shown++)
            {
                Console.WriteLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsNull(i) ? "NULL" : reader.GetValueOrText(i)?.ToString())));
            }

            continue;
        }

        var rows = connection.Execute(statement);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.00} s  {rows,10} rows  {statement}"));
    }

    return 0;
}

if (args.Length > 0 && args[0] == "serve-tickets")
{
    // For profiling by hand: the benchmark's API until Enter is pressed.
    await using var api = await Hakiri.Testing.Http.TicketsApi.StartAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000);
    Console.WriteLine(api.BaseUrl);
    Console.ReadLine();
    return 0;
}

if (args.Length > 0 && args[0] == "http")
{
    return await HttpBench.RunAsync(Path.GetFullPath(args[1]),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2_000,
        args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "hakiri-bench-http"));
}

if (args.Length > 0 && args[0] == "wasm")
{
    return await WasmBench.RunAsync(Path.GetFullPath(args[1]),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000,
        Path.GetFullPath(args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "hakiri-bench-wasm")));
}

if (args.Length > 0 && args[0] == "wasm-read")
{
    return await WasmFuelBench.ReadAsync(args[1], args[2], args[3] == "fuel", int.Parse(args[4], CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "postgres-cdc")
{
    return PostgresCdcBench.Run(Path.GetFullPath(args[1]),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100_000,
        args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "hakiri-bench-postgres"));
}

if (args.Length > 0 && args[0] == "postgres")
{
    return await PostgresBench.RunAsync(Path.GetFullPath(args[1]),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "hakiri-bench-postgres"));
}

args = args.Length > 0 && args[0] == "ingest" ? args[1..] : args;
var hakiri = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("pass the hakiri binary");
return IngestBench.Run(hakiri,
    args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
    Path.GetFullPath(args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "hakiri-bench")),
    args.Length > 3 ? args[3].Split(',') : []);

internal static class Measure
{
    // GNU time reports the child's peak resident set size (%M, KiB) and wall time (%e).
    public static (double Seconds, long PeakKb) Run(string program, string[] arguments)
    {
        var (seconds, peakKb, _) = RunCapturing(program, arguments);
        return (seconds, peakKb);
    }

    /// <summary>As <see cref="Run"/>, also returning what the program wrote to stdout.</summary>
    public static (double Seconds, long PeakKb, string Stdout) RunCapturing(string program, string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add("HAKIRI_BENCH %e %M");
        info.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = errors.GetAwaiter().GetResult();
        process.WaitForExit();
        var line = stderr.Split('\n').LastOrDefault(l => l.StartsWith("HAKIRI_BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"hakiri failed:\n{stderr}");
        var parts = line.Split(' ');
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hakiri exited {process.ExitCode}:\n{stderr}");
        }

        return (double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), stdout);
    }
}
