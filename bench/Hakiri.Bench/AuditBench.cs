using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Audit;
using Hakiri.Store;

/// <summary>
/// The audit question at scale: RECORDS reads over the last 7 days (or HAKIRI_BENCH_AUDIT_DAYS) (8 agents, 4 tables, 1–50 keys per read, one read
/// in ten an aggregate without keys), written as journal segments and folded into the day partitions, then
/// "who read customers c-42 in the last 24h" and "what did agent-3 read" timed in-process and through the CLI.
/// </summary>
internal static class AuditBench
{
    private static readonly string[] Agents = ["agent-0", "agent-1", "agent-2", "agent-3", "support-bot", "billing-bot", "research", "triage"];
    private static readonly (string Table, string Prefix, int Count)[] Tables = [("customers", "c-", 100_000), ("orders", "o-", 1_000_000), ("products", "p-", 5_000), ("tickets", "t-", 200_000)];

    public static int Run(string? hakiri, int records, string work)
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "hakiri.toml"), "[project]\nname = \"audit-bench\"\n[pipelines.customers]\nprimary_key = [\"id\"]\n[pipelines.customers.source]\nconnector = \"file\"\npath = \"data/*.csv\"\nformat = \"csv\"\n");
        var layout = new StoreLayout(Path.Combine(work, ".hakiri"));
        var now = DateTimeOffset.UtcNow;
        // HAKIRI_BENCH_AUDIT_DAYS: the window the reads are spread over (default 7 days; 1 puts all of them in the last 24h).
        var days = double.Parse(Environment.GetEnvironmentVariable("HAKIRI_BENCH_AUDIT_DAYS") ?? "7", CultureInfo.InvariantCulture);
        var span = TimeSpan.FromDays(days) - TimeSpan.FromMinutes(days <= 1 ? 5 : 0);
        Console.WriteLine($"records: {records:N0} over the last {span.TotalHours:N1} h   machine: {Environment.ProcessorCount} cores   work dir: {work}");

        // The real path: a record returns once its line is on disk; concurrent records share one flush (group commit).
        var single = Math.Min(records, 2_000);
        var random = new Random(42);
        var clock = Stopwatch.StartNew();
        using (var trail = AuditTrail.Open(layout, new AuditOptions { FoldThreshold = int.MaxValue }))
        {
            for (var i = 0; i < single; i++)
            {
                trail.Record(NewRecord(random, now, span, i));
            }

            Console.WriteLine($"Record, 1 thread (span + journal line flushed to disk): {single:N0} in {clock.Elapsed.TotalSeconds:F2} s = {single / clock.Elapsed.TotalSeconds:N0} records/s");
            clock.Restart();
        }

        Console.WriteLine($"fold on dispose of {single:N0}: {clock.Elapsed.TotalMilliseconds:F0} ms");
        const int Threads = 8;
        var each = Math.Min((records - single) / Threads, 1_000);
        var prepared = Enumerable.Range(0, Threads).Select(t => Enumerable.Range(0, each).Select(i => NewRecord(random, now, span, single + t * each + i)).ToArray()).ToArray();
        using (var trail = AuditTrail.Open(layout, new AuditOptions { FoldThreshold = int.MaxValue }))
        {
            clock.Restart();
            // Dedicated threads: pool threads blocked on the flush would be injected too slowly on 2 cores to measure the batching.
            var workers = prepared.Select(batch => new Thread(() => Array.ForEach(batch, trail.Record))).ToArray();
            Array.ForEach(workers, w => w.Start());
            Array.ForEach(workers, w => w.Join());
            Console.WriteLine($"Record, {Threads} concurrent threads: {Threads * each:N0} in {clock.Elapsed.TotalSeconds:F2} s = {Threads * each / clock.Elapsed.TotalSeconds:N0} records/s");
        }

        var durable = single + Threads * each;

        // The rest as journal segments left behind (as by a crashed server), folded by the next open: the bulk path.
        clock.Restart();
        var journal = layout.Absolute("audit/journal");
        for (var start = durable; start < records; start += 100_000)
        {
            using var writer = new StreamWriter(Path.Combine(journal, $"segment-{Guid.NewGuid():N}.ndjson"), false, new UTF8Encoding(false), 1 << 20);
            for (var i = start; i < Math.Min(records, start + 100_000); i++)
            {
                writer.Write(Line(NewRecord(random, now, span, i)));
            }
        }

        Console.WriteLine($"journal lines for {records - durable:N0} more: {clock.Elapsed.TotalSeconds:F1} s, {Size(journal)}");
        clock.Restart();
        AuditTrail.Open(layout, new AuditOptions()).Dispose();
        Console.WriteLine($"fold into day partitions: {clock.Elapsed.TotalSeconds:F1} s, {Size(layout.Absolute("audit"))} of Parquet, of which key index {Size(layout.Absolute("audit/keys"))}");

        var log = AuditLog.Open(layout, new AuditOptions());
        Time("in-process --table customers --key c-42 --since 24h", () => log.Query(new AuditQuery { Table = "customers", Key = "c-42", Since = now.AddHours(-24) }).Count);
        Time("in-process --table customers --key c-42 (7 days)", () => log.Query(new AuditQuery { Table = "customers", Key = "c-42" }).Count);
        Time("in-process --agent agent-3 (newest 1000)", () => log.Query(new AuditQuery { Agent = "agent-3" }).Count);
        // HAKIRI_BENCH_AUDIT_CLIS: more binaries to time beside HAKIRI_BINARY (colon-separated, e.g. an AOT build).
        var clis = (Environment.GetEnvironmentVariable("HAKIRI_BENCH_AUDIT_CLIS") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var cli in hakiri is null ? clis : [hakiri, .. clis])
        {
            var manifest = Path.Combine(work, "hakiri.toml");
            Console.WriteLine(cli);
            Cli(cli, "audit --table customers --key c-42 --since 24h", manifest);
            Cli(cli, "audit --table customers --key c-42 --since 7d", manifest);
            Cli(cli, "audit --agent agent-3", manifest);
        }

        return 0;
    }

    private static AuditRecord NewRecord(Random random, DateTimeOffset now, TimeSpan span, int i)
    {
        var agent = Agents[random.Next(Agents.Length)];
        var (table, prefix, count) = Tables[random.Next(Tables.Length)];
        var aggregate = random.Next(10) == 0;
        var keys = aggregate ? [] : Enumerable.Range(0, random.Next(1, 51)).Select(_ => new AuditKey(table, prefix + random.Next(1, count + 1).ToString(CultureInfo.InvariantCulture))).ToArray();
        var subject = new Subject(agent, "host-" + random.Next(4), "user" + random.Next(50) + "@example.com", "task-" + random.Next(1000));
        return new AuditRecord(now - span * random.NextDouble(), subject, "tok-" + agent + "-" + (i % 20),
            aggregate ? "context.query" : random.Next(3) == 0 ? "context.describe" : "context.query", [table], aggregate ? 1 : keys.Length, keys, !aggregate);
    }

    // The journal line format (JournalEntry): time in µs since the epoch, keys hashed as SHA-256 of "table\0key".
    private static string Line(AuditRecord r)
    {
        static string Q(string? s) => s is null ? "null" : "\"" + s + "\"";
        static string L(IEnumerable<string> items) => "[" + string.Join(',', items.Select(Q)) + "]";
        var micros = (r.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return $"{{\"time_us\":{micros},\"agent\":{Q(r.Subject!.Agent)},\"host\":{Q(r.Subject.Host)},\"on_behalf_of\":{Q(r.Subject.OnBehalfOf)},\"task_id\":{Q(r.Subject.TaskId)}," +
            $"\"token_id\":{Q(r.TokenId)},\"tool\":{Q(r.Tool)},\"tables\":{L(r.Tables)},\"row_count\":{r.RowCount},\"key_tables\":{L(r.Keys.Select(k => k.Table))}," +
            $"\"keys\":{L(r.Keys.Select(k => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k.Table + "\0" + k.Key)))))},\"keys_complete\":{(r.KeysComplete ? "true" : "false")}}}\n";
    }

    private static void Time(string what, Func<int> query)
    {
        query();
        var clock = Stopwatch.StartNew();
        var rows = query();
        Console.WriteLine($"{what}: {clock.Elapsed.TotalMilliseconds:F0} ms, {rows} reads (second run)");
    }

    private static void Cli(string hakiri, string arguments, string manifest)
    {
        for (var run = 0; run < 2; run++)
        {
            var info = new ProcessStartInfo(hakiri, arguments + " -m " + manifest) { RedirectStandardOutput = true, RedirectStandardError = true };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var summary = lines.FirstOrDefault(l => l.StartsWith('(')) ?? "";
            if (run == 1)
            {
                Console.WriteLine($"hakiri {arguments}: {clock.Elapsed.TotalMilliseconds:F0} ms wall (process start included), exit {process.ExitCode}, {summary}");
            }
        }
    }

    private static string Size(string directory) =>
        $"{new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1_048_576.0:N0} MB";
}
