using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hakiri.DuckDb;

// Usage: Hakiri.Bench ingest HAKIRI_BINARY [ROWS] [WORKDIR]
//        Hakiri.Bench lambda BOOTSTRAP_BINARY
//        Hakiri.Bench http HAKIRI_BINARY [RECORDS] [PAGES] [WORKDIR]
//        Hakiri.Bench serve-tickets [RECORDS]
//        Hakiri.Bench postgres HAKIRI_BINARY [ROWS] [WORKDIR]
//        Hakiri.Bench postgres-cdc HAKIRI_BINARY [TABLE_ROWS] [CHANGES] [WORKDIR]
//        Hakiri.Bench wasm HAKIRI_BINARY [ITEMS] [WORKDIR]
//        Hakiri.Bench wasm-read WASM BASE_URL fuel|no-fuel ROUNDS     (the fuel figure's child process)
//        Hakiri.Bench audit [HAKIRI_BINARY|-] [RECORDS] [WORKDIR]
//        Hakiri.Bench index HAKIRI_BINARY [TICKETS] [VECTOR_ROWS] [WORKDIR]
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

// Generates a ROWS-row, 10-column NDJSON file and CSV file, converts each to Parquet with raw DuckDB (COPY), then
// lands each with `hakiri run` in a child process under /usr/bin/time, and prints rows/s, peak RSS and the ratio.
var hakiri = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("pass the hakiri binary");
var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var work = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "hakiri-bench");
Directory.CreateDirectory(work);
Console.WriteLine($"rows: {rows:N0}   machine: {Environment.ProcessorCount} cores   work dir: {work}");

foreach (var format in new[] { "ndjson", "csv" })
{
    var dir = Path.Combine(work, format);
    if (Directory.Exists(dir))
    {
        Directory.Delete(dir, recursive: true);
    }

    var input = Path.Combine(dir, "in", $"data.{format}");
    Directory.CreateDirectory(Path.GetDirectoryName(input)!);
    Generate.Write(input, rows, format);
    var size = new FileInfo(input).Length;

    var raw = Stopwatch.StartNew();
    using (var database = DuckDbDatabase.Open())
    using (var connection = database.Connect())
    {
        var reader = format == "csv" ? $"read_csv('{input}')" : $"read_json('{input}', format = 'newline_delimited')";
        connection.Execute($"COPY (SELECT * FROM {reader}) TO '{Path.Combine(dir, "raw.parquet")}' (FORMAT parquet, COMPRESSION zstd)");
    }

    raw.Stop();

    File.WriteAllText(Path.Combine(dir, "hakiri.toml"), $"""
        [project]
        name = "bench"
        [pipelines.bench.source]
        connector = "file"
        path = "in/*.{format}"
        """);
    var (seconds, peakKb) = Measure.Run(hakiri, ["run", "-m", Path.Combine(dir, "hakiri.toml"), "--json"]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{format,-7} input {size / 1048576.0,7:0.0} MiB | raw DuckDB COPY {raw.Elapsed.TotalSeconds,6:0.00} s ({rows / raw.Elapsed.TotalSeconds,12:N0} rows/s) | " +
        $"hakiri run {seconds,6:0.00} s ({rows / seconds,12:N0} rows/s), peak RSS {peakKb / 1024.0,6:0} MiB | hakiri/raw speed {raw.Elapsed.TotalSeconds / seconds:0.00}x"));
}

return 0;

internal static class Generate
{
    public static void Write(string path, long rows, string format)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        if (format == "csv")
        {
            writer.Write("id,customer,country,amount,quantity,discount,status,created_at,is_gift,note\n");
        }

        string[] countries = ["NO", "JP", "GH", "ES", "BR", "CA"];
        string[] statuses = ["pending", "shipped", "refunded", "cancelled"];
        var line = new StringBuilder(160);
        for (long i = 0; i < rows; i++)
        {
            line.Clear();
            var customer = $"c-{i % 50_000}";
            var country = countries[i % countries.Length];
            var amount = (i % 100_000 / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
            var quantity = i % 9 + 1;
            var discount = (i % 30 / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
            var status = statuses[i % statuses.Length];
            var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var gift = i % 11 == 0 ? "true" : "false";
            var note = $"order {i} for {customer}";
            if (format == "csv")
            {
                line.Append(CultureInfo.InvariantCulture, $"{i},{customer},{country},{amount},{quantity},{discount},{status},{created},{gift},{note}\n");
            }
            else
            {
                line.Append(CultureInfo.InvariantCulture,
                    $"{{\"id\":{i},\"customer\":\"{customer}\",\"country\":\"{country}\",\"amount\":{amount},\"quantity\":{quantity},\"discount\":{discount},\"status\":\"{status}\",\"created_at\":\"{created}\",\"is_gift\":{gift},\"note\":\"{note}\"}}\n");
            }

            writer.Write(line);
        }
    }
}

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
