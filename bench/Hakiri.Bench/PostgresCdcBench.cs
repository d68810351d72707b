using System.Diagnostics;
using System.Globalization;
using Hakiri.Testing;

/// <summary>
/// postgres change-capture benchmark (not a test): starts its own PostgreSQL (wal_level = logical), loads the ten-column
/// table of <see cref="PostgresBench"/>, lands it with a first cdc run, then, round after round, commits CHANGES updates
/// (transactions of 100 rows) and times the Native AOT <c>hakiri run</c> that applies them: changes/s and peak RSS,
/// beside the server decoding the same changes through pgoutput into nothing (<c>pg_logical_slot_get_binary_changes</c>
/// on a second slot: the ceiling).
/// </summary>
internal static class PostgresCdcBench
{
    private const int Rounds = 3;
    private const int PerTransaction = 100;

    public static int Run(string hakiri, int rows, int changes, string work)
    {
        using var server = new PostgresServer();
        var database = server.CreateDatabase("bench");
        server.Execute(database, PostgresBench.Load.Replace("ROWS", rows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        server.Execute(database, "VACUUM ANALYZE bench");
        Console.WriteLine($"cdc: table of {rows:N0} rows, {changes:N0} updated rows per round in transactions of {PerTransaction}   machine: {Environment.ProcessorCount} cores");

        Environment.SetEnvironmentVariable("BENCH_DATABASE_URL", server.Url(database));
        var dir = Path.Combine(work, "postgres-cdc");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var manifest = Path.Combine(dir, "hakiri.toml");
        File.WriteAllText(manifest, """
            [project]
            name = "bench"
            [pipelines.bench.source]
            connector = "postgres"
            dsn_env = "BENCH_DATABASE_URL"
            table = "public.bench"
            mode = "cdc"
            """);
        var first = Measure.Run(hakiri, ["run", "-m", manifest, "--json"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hakiri run cdc, first run (snapshot)  {first.Seconds,6:0.00} s ({rows / first.Seconds,10:N0} rows/s), peak RSS {first.PeakKb / 1024.0,5:0} MiB"));

        // A second slot on the same publication, consumed by the server itself: what decoding the changes costs.
        server.Execute(database, "SELECT pg_create_logical_replication_slot('bench_ceiling', 'pgoutput')");
        var applied = new List<(double Seconds, long PeakKb)>();
        var ceilings = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            server.Execute(database, Updates(round, changes, rows));
            ceilings.Add(Timed(() => server.Execute(database,
                "SELECT count(*) FROM pg_logical_slot_get_binary_changes('bench_ceiling', NULL, NULL, 'proto_version', '1', 'publication_names', 'hakiri_bench')")));
            applied.Add(Measure.Run(hakiri, ["run", "-m", manifest, "--json"]));
        }

        var ceiling = ceilings.Order().ElementAt(Rounds / 2);
        var seconds = applied.Select(r => r.Seconds).Order().ElementAt(Rounds / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling  server decoding the changes (pgoutput, no client)  {ceiling,6:0.00} s ({changes / ceiling,10:N0} changes/s)   (median of {Rounds})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hakiri run cdc, {changes:N0} updates applied  {seconds,6:0.00} s ({changes / seconds,10:N0} changes/s), peak RSS {applied.Max(r => r.PeakKb) / 1024.0,5:0} MiB | hakiri/ceiling {ceiling / seconds:0.00}x   (median of {Rounds})"));
        server.Execute(database, "SELECT pg_drop_replication_slot('bench_ceiling')");
        return 0;
    }

    // Updates spread over the table in committed transactions of PerTransaction rows each.
    private static string Updates(int round, int changes, int rows) => string.Create(CultureInfo.InvariantCulture, $$"""
        DO $$
        BEGIN
          FOR t IN 0 .. {{changes / PerTransaction - 1}} LOOP
            UPDATE bench SET quantity = quantity + 1, note = 'tour {{round}} — ' || id
            WHERE id > t * {{PerTransaction}} AND id <= (t + 1) * {{PerTransaction}} AND id <= {{rows}};
            COMMIT;
          END LOOP;
        END $$;
        """);

    private static double Timed(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
