using System.Diagnostics;
using System.Globalization;
using Hakiri.DuckDb;

/// <summary>
/// The ingest benchmark: for each data set (nested NDJSON, flat NDJSON, flat CSV) it converts the file with raw DuckDB
/// <c>COPY … TO parquet</c> (the reference), then lands it with the Native AOT <c>hakiri run</c> without and with a
/// primary key, first load and then an upsert of 10 % changed rows, each in a child process under GNU time. It prints
/// wall time, rows/s, peak RSS, the per-step split (from the run's progress lines) and the ratio to raw DuckDB; with
/// <c>BENCH_RUNS</c> = N each figure is the fastest of N runs, raw DuckDB's too, with the slowest beside it.
/// </summary>
internal static class IngestBench
{
    private static readonly (string Name, string Shape, string Format)[] DataSets =
    [
        ("ndjson nested", "nested", "ndjson"),
        ("ndjson flat", "flat", "ndjson"),
        ("csv flat", "flat", "csv"),
    ];

    public static int Run(string hakiri, long rows, string work, IReadOnlyCollection<string> only)
    {
        Directory.CreateDirectory(work);
        // BENCH_RUNS: each figure is the fastest of that many runs (default 1), for hosts whose single runs vary.
        var runs = int.TryParse(Environment.GetEnvironmentVariable("BENCH_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        Console.WriteLine($"rows: {rows:N0}   machine: {Environment.ProcessorCount} cores   work dir: {work}   runs per figure: {runs} (the fastest shown, with the slowest)");
        if (only.Count == 0 || only.Contains("quickstart"))
        {
            QuickstartBench.Run(hakiri, work);
        }

        Console.WriteLine("vs raw = raw DuckDB time / hakiri time; raw = DuckDB COPY to zstd Parquet in this process (default threads); references: first load and append = COPY of the same file, upsert = the same merge in raw DuckDB SQL");
        foreach (var (name, shape, format) in DataSets.Where(d => only.Count == 0 || only.Contains(d.Shape + "-" + d.Format)))
        {
            var dir = Path.Combine(work, shape + "-" + format);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
            var first = Path.Combine(dir, $"first.{format}");
            var upsert = Path.Combine(dir, $"upsert.{format}");
            IngestData.Write(first, rows, shape, format, upsert: false);
            IngestData.Write(upsert, rows, shape, format, upsert: true);
            var size = new FileInfo(first).Length;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {name}: {size / 1048576.0:0.0} MiB, {rows:N0} rows; upsert file {rows / 10:N0} rows"));

            var reader = (string path) => format == "csv"
                ? $"read_csv('{path}', header = true)"
                : $"read_json('{path}', format = 'newline_delimited')";
            var rawFirst = Raw(runs, 1, $"COPY (SELECT * FROM {reader(first)}) TO '{dir}/raw.parquet' (FORMAT parquet, COMPRESSION zstd)");
            var rawFirst2 = Raw(runs, null, $"COPY (SELECT * FROM {reader(first)}) TO '{dir}/raw.parquet' (FORMAT parquet, COMPRESSION zstd)");
            var rawUpsert = Raw(runs, null, $"""
                COPY (SELECT * FROM read_parquet('{dir}/raw.parquet') AS r ANTI JOIN {reader(upsert)} AS u ON r.id = u.id
                      UNION ALL BY NAME SELECT * FROM {reader(upsert)}) TO '{dir}/raw-upsert.parquet' (FORMAT parquet, COMPRESSION zstd)
                """);
            var rawAppend = Raw(runs, null, $"COPY (SELECT * FROM {reader(upsert)}) TO '{dir}/raw-append.parquet' (FORMAT parquet, COMPRESSION zstd)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"raw DuckDB COPY     {rawFirst2,6:0.00} s ({rows / rawFirst2,10:N0} rows/s); on 1 thread {rawFirst:0.00} s (its gain from all cores: × {rawFirst / rawFirst2:0.00}; hakiri converts a file of 32 MiB or more in byte ranges, one thread each, one range per core); " +
                $"COPY of the 10 % file {rawAppend:0.00} s; upsert merge {rawUpsert:0.00} s"));

            foreach (var key in new[] { false, true })
            {
                var project = Path.Combine(dir, key ? "key" : "nokey");
                Directory.CreateDirectory(Path.Combine(project, "in"));
                File.WriteAllText(Path.Combine(project, "hakiri.toml"), $"""
                    [project]
                    name = "bench"
                    [pipelines.bench]
                    {(key ? "primary_key = [\"id\"]" : string.Empty)}
                    [pipelines.bench.source]
                    connector = "file"
                    path = "in/*.{format}"
                    """);
                File.CreateSymbolicLink(Path.Combine(project, "in", $"a.{format}"), first);
                var store = Path.Combine(project, ".hakiri");
                var loaded = Path.Combine(dir, key ? "key-loaded" : "nokey-loaded");
                var load = Best(runs, () =>
                {
                    DeleteDirectory(store);
                    return HakiriRun.Measure(hakiri, project);
                });
                Print(key ? "key: first load" : "no key: first load", load, rows, rawFirst2);
                // Every upsert run starts from the same first load, kept aside.
                CopyDirectory(store, loaded);
                File.CreateSymbolicLink(Path.Combine(project, "in", $"b.{format}"), upsert);
                var again = Best(runs, () =>
                {
                    DeleteDirectory(store);
                    CopyDirectory(loaded, store);
                    return HakiriRun.Measure(hakiri, project);
                });
                DeleteDirectory(loaded);
                Print(key ? "key: upsert 10 %" : "no key: append 10 %", again, rows / 10, key ? rawUpsert : rawAppend);
            }

            // Each range's DuckDB runs on one thread by default (record numbers need it, ADR 0027); more DuckDB threads turn the ranges off and convert in one pass on them.
            var threaded = Path.Combine(dir, "threads");
            Directory.CreateDirectory(Path.Combine(threaded, "in"));
            File.Copy(Path.Combine(dir, "nokey", "hakiri.toml"), Path.Combine(threaded, "hakiri.toml"));
            File.CreateSymbolicLink(Path.Combine(threaded, "in", $"a.{format}"), first);
            var cores = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
            Print($"no key, {cores} threads", HakiriRun.Measure(hakiri, threaded, new Dictionary<string, string> { ["HAKIRI_DUCKDB_THREADS"] = cores }), rows, rawFirst2);

            // The data set's stores and Parquet files stay for a look; its inputs (the largest part) go.
            File.Delete(first);
            File.Delete(upsert);
        }

        return 0;
    }

    // The fastest of several runs, its peak RSS the largest seen; Slowest keeps the slowest time for the spread.
    private static HakiriRun.Result Best(int runs, Func<HakiriRun.Result> run)
    {
        var results = Enumerable.Range(0, runs).Select(_ => run()).ToList();
        var best = results.MinBy(r => r.Seconds)!;
        return best with { PeakKb = results.Max(r => r.PeakKb), Slowest = results.Max(r => r.Seconds) };
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static double Raw(int runs, int? threads, string sql) => Enumerable.Range(0, runs).Min(_ => Raw(threads, sql));

    private static double Raw(int? threads, string sql)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (threads is { } t)
        {
            settings["threads"] = t.ToString(CultureInfo.InvariantCulture);
        }

        var clock = Stopwatch.StartNew();
        using (var database = DuckDbDatabase.Open(null, settings))
        using (var connection = database.Connect())
        {
            connection.Execute(sql);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static void Print(string label, HakiriRun.Result result, long rows, double reference)
    {
        var steps = string.Join(", ", result.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:0.00}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hakiri {label,-20} {result.Seconds,6:0.00} s{(result.Slowest > result.Seconds ? $" (slowest {result.Slowest:0.00} s)" : string.Empty)} ({rows / result.Seconds,10:N0} rows/s), peak RSS {result.PeakKb / 1024.0,4:0} MiB, " +
            $"first record written at {result.FirstWriteSeconds * 1000,5:0} ms | vs raw {reference / result.Seconds:0.00}x | steps: {steps}"));
    }
}
