using System.Diagnostics;
using System.Globalization;
using Hakiri.Embeddings;
using Hakiri.Embeddings.Onnx;
using Hakiri.Store;
using Hakiri.Store.Catalog;

/// <summary>
/// The semantic layer at scale: full text over N tickets, stored vectors over M rows, the local model's throughput,
/// and context.query latency and recall in-process. Each table is landed once without indexes, then the manifest gains
/// them and `hakiri run` runs again, so the second run is the index step alone (the sources are unchanged).
/// </summary>
internal static class IndexBench
{
    public const int ModelRows = 2_000;

    public static async Task<int> RunAsync(string hakiri, long tickets, long vectors, string work)
    {
        Directory.CreateDirectory(work);
        Console.WriteLine($"tickets N: {tickets:N0}   vectors M: {vectors:N0}   machine: {Environment.ProcessorCount} cores   work dir: {work}");
        var data = new IndexBenchData();

        // 1-2. Full text at N.
        var fts = Fresh(Path.Combine(work, "fts"));
        var clock = Stopwatch.StartNew();
        data.WriteTickets(Path.Combine(fts, "in", "tickets.ndjson"), tickets);
        Console.WriteLine(Invariant($"data: {tickets:N0} tickets as NDJSON ({Mib(new FileInfo(Path.Combine(fts, "in", "tickets.ndjson")).Length)}) in {clock.Elapsed.TotalSeconds:F1} s"));
        var ftsLanding = Land(hakiri, fts, "tickets", "path = \"in/*.ndjson\"", "fts = [\"title\", \"body\"]");
        Report("full text", "tickets", tickets, ftsLanding, fts);

        // 3. Stored vectors at M (vector only first, then full text added: the table (c) queries).
        var vec = Fresh(Path.Combine(work, "vectors"));
        clock.Restart();
        data.WriteEmbeddedTickets(Path.Combine(vec, "in", "docs.parquet"), vectors);
        Console.WriteLine(Invariant($"data: {vectors:N0} tickets with 384-float embeddings as Parquet through DuckDB ({Mib(new FileInfo(Path.Combine(vec, "in", "docs.parquet")).Length)}) in {clock.Elapsed.TotalSeconds:F1} s"));
        const string VectorSpec = "vector = { column = \"embedding\", dimensions = 384 }";
        var vecLanding = Land(hakiri, vec, "docs", "path = \"in/*.parquet\"", VectorSpec);
        Report("vectors", "docs", vectors, vecLanding, vec);
        var both = Index(hakiri, vec, "docs", "path = \"in/*.parquet\"", VectorSpec + "\nfts = [\"title\", \"body\"]");
        Console.WriteLine(Invariant($"  + full text on the same table (vector segments kept): {both.Seconds:F1} s, peak RSS {both.PeakKb / 1024.0:F0} MiB"));

        // 4. The local model.
        var model = Fresh(Path.Combine(work, "model"));
        data.WriteTickets(Path.Combine(model, "in", "tickets.ndjson"), ModelRows, seed: 9);
        var load = MeasureModelLoad();
        var modelLanding = Land(hakiri, model, "tickets", "path = \"in/*.ndjson\"", "vector = { column = \"body\", model = \"all-MiniLM-L6-v2\" }");
        Report("local model", "tickets", ModelRows, modelLanding, model);
        var embedded = modelLanding.Index.Seconds - load.TotalSeconds;
        Console.WriteLine(Invariant($"  all-MiniLM-L6-v2: {ModelRows / modelLanding.Index.Seconds:N0} rows/s over the whole index run; model load ~{load.TotalMilliseconds:F0} ms in-process, so ~{ModelRows / embedded:N0} rows/s embedding"));
        Console.WriteLine(Invariant($"  => 1,000,000 texts at that rate: {1_000_000 / (ModelRows / embedded) / 3600:F1} h on this machine"));

        // 5-6. context.query latency and recall.
        await IndexBenchQueries.RunAsync(data, new StoreLayout(Path.Combine(fts, ".hakiri")), new StoreLayout(Path.Combine(vec, ".hakiri")),
            new StoreLayout(Path.Combine(model, ".hakiri")), vectors).ConfigureAwait(false);
        return 0;
    }

    private static (double Seconds, long PeakKb, string Output) Index(string hakiri, string dir, string table, string source, string indexes)
    {
        Manifest(dir, table, source, indexes);
        return Measure.RunCapturing(hakiri, ["run", "-m", Path.Combine(dir, "hakiri.toml")]);
    }

    private static Landing Land(string hakiri, string dir, string table, string source, string indexes)
    {
        Manifest(dir, table, source, null);
        var ingest = Measure.RunCapturing(hakiri, ["run", "-m", Path.Combine(dir, "hakiri.toml")]);
        var index = Index(hakiri, dir, table, source, indexes);
        return new Landing(ingest, index);
    }

    private static void Manifest(string dir, string table, string source, string? indexes) =>
        File.WriteAllText(Path.Combine(dir, "hakiri.toml"), $"""
            [project]
            name = "index-bench"
            [pipelines.{table}]
            primary_key = ["id"]
            [pipelines.{table}.source]
            connector = "file"
            {source}
            {(indexes is null ? "" : $"[pipelines.{table}.indexes]\n{indexes}")}
            """);

    private static void Report(string what, string table, long rows, Landing landing, string dir)
    {
        using var catalog = CatalogDatabase.Open(new StoreLayout(Path.Combine(dir, ".hakiri")));
        var record = catalog.GetTable(table)!;
        var segments = catalog.ListIndexSegments(table);
        var sidecar = segments.Sum(s => s.ByteSize);
        var total = landing.Ingest.Seconds + landing.Index.Seconds;
        Console.WriteLine(Invariant(
            $"{what}: {rows:N0} rows | run without indexes {landing.Ingest.Seconds:F1} s (peak RSS {landing.Ingest.PeakKb / 1024.0:F0} MiB) | index step run {landing.Index.Seconds:F1} s") +
            Invariant($"(peak RSS {landing.Index.PeakKb / 1024.0:F0} MiB) = {rows / landing.Index.Seconds:N0} rows/s | index share of ingest+index {landing.Index.Seconds / total:P0}"));
        Console.WriteLine(Invariant(
            $"  table Parquet {Mib(record.ByteCount)} in {record.FileCount} files, {record.RowCount:N0} rows | sidecars {Mib(sidecar)} in {segments.Count} segments ") +
            Invariant($"({string.Join(", ", segments.GroupBy(s => s.Kind).Select(g => $"{g.Key} {Mib(g.Sum(s => s.ByteSize))}"))}) = {(double)sidecar / record.ByteCount:F2}x the Parquet"));
        var summary = landing.Index.Output.Split('\n').FirstOrDefault(l => l.Contains("indexes", StringComparison.Ordinal))?.Trim();
        if (summary is not null)
        {
            Console.WriteLine($"  run said: {summary}");
        }
    }

    private static TimeSpan MeasureModelLoad()
    {
        var clock = Stopwatch.StartNew();
        using var provider = LocalModels.Open(EmbeddingModel.Parse("all-MiniLM-L6-v2"));
        provider.EmbedAsync(["warm up the session"], CancellationToken.None).GetAwaiter().GetResult();
        return clock.Elapsed;
    }

    private static string Fresh(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Mib(long bytes) => Invariant($"{bytes / 1048576.0:F1} MiB");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Landing((double Seconds, long PeakKb, string Output) Ingest, (double Seconds, long PeakKb, string Output) Index);
}
