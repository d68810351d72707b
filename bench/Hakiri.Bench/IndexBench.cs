using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
        var (fts, vec, model) = (Path.Combine(work, "fts"), Path.Combine(work, "vectors"), Path.Combine(work, "model"));
        // HAKIRI_BENCH_INDEX_QUERIES_ONLY=1: only the queries, over the stores a previous run left in WORKDIR.
        if (Environment.GetEnvironmentVariable("HAKIRI_BENCH_INDEX_QUERIES_ONLY") != "1")
        {
            Build(hakiri, data, tickets, vectors, fts, vec, model);
        }

        // 5-6. context.query latency and recall.
        await IndexBenchQueries.RunAsync(data, new StoreLayout(Path.Combine(fts, ".hakiri")), new StoreLayout(Path.Combine(vec, ".hakiri")),
            new StoreLayout(Path.Combine(model, ".hakiri")), vectors).ConfigureAwait(false);
        return 0;
    }

    private static void Build(string hakiri, IndexBenchData data, long tickets, long vectors, string fts, string vec, string model)
    {
        // 1-2. Full text at N (HAKIRI_BENCH_INDEX_KEEP_FTS=1: keep the store a previous run left, for the queries).
        if (Environment.GetEnvironmentVariable("HAKIRI_BENCH_INDEX_KEEP_FTS") != "1" || !Directory.Exists(Path.Combine(fts, ".hakiri")))
        {
            Fresh(fts);
            var generate = Stopwatch.StartNew();
            data.WriteTickets(Path.Combine(fts, "in", "tickets.ndjson"), tickets);
            Console.WriteLine(Invariant($"data: {tickets:N0} tickets as NDJSON ({Mib(new FileInfo(Path.Combine(fts, "in", "tickets.ndjson")).Length)}) in {generate.Elapsed.TotalSeconds:F1} s"));
            var ftsLanding = Land(hakiri, fts, "tickets", "path = \"in/*.ndjson\"", "fts = [\"title\", \"body\"]");
            Report("full text", "tickets", tickets, ftsLanding, fts);
        }

        // 3. Stored vectors at M (vector only first, then full text added: the table (c) queries).
        Fresh(vec);
        var clock = Stopwatch.StartNew();
        data.WriteEmbeddedTickets(Path.Combine(vec, "in", "docs.parquet"), vectors);
        Console.WriteLine(Invariant($"data: {vectors:N0} tickets with 384-float embeddings as Parquet through DuckDB ({Mib(new FileInfo(Path.Combine(vec, "in", "docs.parquet")).Length)}) in {clock.Elapsed.TotalSeconds:F1} s"));
        const string VectorSpec = "vector = { column = \"embedding\", dimensions = 384 }";
        var vecLanding = Land(hakiri, vec, "docs", "path = \"in/*.parquet\"", VectorSpec);
        Report("vectors", "docs", vectors, vecLanding, vec);
        var both = Index(hakiri, vec, "docs", "path = \"in/*.parquet\"", VectorSpec + "\nfts = [\"title\", \"body\"]");
        Console.WriteLine(Invariant($"  + full text on the same table (vector segments kept): {both.Seconds:F1} s, peak RSS {both.PeakKb / 1024.0:F0} MiB"));

        // 4. The local model.
        Fresh(model);
        data.WriteTickets(Path.Combine(model, "in", "tickets.ndjson"), ModelRows, seed: 9);
        var load = MeasureModelLoad(Path.Combine(model, "in", "tickets.ndjson"));
        var modelLanding = Land(hakiri, model, "tickets", "path = \"in/*.ndjson\"", "vector = { column = \"body\", model = \"all-MiniLM-L6-v2\" }");
        Report("local model", "tickets", ModelRows, modelLanding, model);
        var embedded = modelLanding.Index.Seconds - load.TotalSeconds;
        Console.WriteLine(Invariant($"  all-MiniLM-L6-v2: {ModelRows / modelLanding.Index.Seconds:N0} rows/s over the whole index run; model load ~{load.TotalMilliseconds:F0} ms in-process, so ~{ModelRows / embedded:N0} rows/s embedding"));
        Console.WriteLine(Invariant($"  => 1,000,000 texts at that rate: {1_000_000 / (ModelRows / embedded) / 3600:F1} h on this machine"));
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
            Invariant($" (peak RSS {landing.Index.PeakKb / 1024.0:F0} MiB) = {rows / landing.Index.Seconds:N0} rows/s | index share of ingest+index {landing.Index.Seconds / total:P0}"));
        Console.WriteLine(Invariant(
            $"  table Parquet {Mib(record.ByteCount)} in {record.FileCount} files, {record.RowCount:N0} rows | sidecars {Mib(sidecar)} in {segments.Count} segments ") +
            Invariant($"({string.Join(", ", segments.GroupBy(s => s.Kind).Select(g => $"{g.Key} {Mib(g.Sum(s => s.ByteSize))}"))}) = {(double)sidecar / record.ByteCount:F2}x the Parquet"));
        var summary = landing.Index.Output.Split('\n').FirstOrDefault(l => l.Contains("indexes", StringComparison.Ordinal))?.Trim();
        if (summary is not null)
        {
            Console.WriteLine($"  run said: {summary}");
        }
    }

    // In-process: the model's load, then 64 synthetic bodies and 64 plain-English texts of ~60 words in one batch each
    // (synthetic words split into several WordPieces each, so those texts run near the 256-token cap).
    private static TimeSpan MeasureModelLoad(string ndjson)
    {
        var clock = Stopwatch.StartNew();
        using var provider = LocalModels.Open(EmbeddingModel.Parse("all-MiniLM-L6-v2"));
        provider.EmbedAsync(["warm up the session"], CancellationToken.None).GetAwaiter().GetResult();
        var load = clock.Elapsed;
        var bodies = File.ReadLines(ndjson).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("body"))
            .Where(b => b.ValueKind == JsonValueKind.String).Select(b => b.GetString()!).Take(64).ToList();
        string[] english = ["the", "customer", "says", "the", "invoice", "export", "fails", "after", "login", "with", "an", "error", "and", "asks", "for", "a", "refund",
            "because", "the", "mobile", "app", "keeps", "crashing", "when", "they", "open", "their", "account", "settings", "page", "on", "a", "slow", "network"];
        var random = new Random(5);
        var plain = Enumerable.Range(0, 64).Select(_ => string.Join(' ', Enumerable.Range(0, 60).Select(_ => english[random.Next(english.Length)]))).ToList();
        foreach (var (name, texts) in new[] { ("synthetic bodies", bodies), ("plain English, 60 words", plain) })
        {
            clock.Restart();
            provider.EmbedAsync(texts, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine(Invariant($"  in-process all-MiniLM-L6-v2, one batch of {texts.Count} {name}: {clock.Elapsed.TotalSeconds:F2} s = {texts.Count / clock.Elapsed.TotalSeconds:N0} rows/s"));
        }

        return load;
    }

    private static void Fresh(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
    }

    public static string Mib(long bytes) => Invariant($"{bytes / 1048576.0:F1} MiB");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Landing((double Seconds, long PeakKb, string Output) Ingest, (double Seconds, long PeakKb, string Output) Index);
}
