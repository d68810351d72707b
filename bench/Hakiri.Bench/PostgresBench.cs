using System.Diagnostics;
using System.Globalization;
using Hakiri.Testing;

/// <summary>
/// postgres connector benchmark (not a test): starts its own PostgreSQL, loads a ROWS-row table of ten mixed columns
/// (text with non-ASCII, numeric, timestamptz, jsonb, an int array, nullable ones), times psql's
/// <c>\copy (SELECT …) TO STDOUT</c> to /dev/null (the ceiling), then the Native AOT <c>hakiri run</c> in snapshot mode:
/// a first load into an empty store and a re-run that replaces the table. Prints rows/s, the ratio and peak RSS.
/// </summary>
internal static class PostgresBench
{
    private const int Rounds = 3;

    /// <summary>The table of ten mixed columns, ROWS rows (the cdc benchmark loads it too).</summary>
    internal const string Load = """
        CREATE TABLE bench (
            id bigint PRIMARY KEY, customer text NOT NULL, country char(2) NOT NULL, amount numeric(12,2), quantity int,
            note text, created_at timestamptz NOT NULL, is_gift bool, attrs jsonb, tags int[]);
        INSERT INTO bench
        SELECT i, 'c-' || (i % 50000), (ARRAY['NO','JP','GH','ES','BR','CA'])[1 + i % 6], (i % 100000) / 100.0, 1 + i % 9,
               CASE WHEN i % 10 = 0 THEN NULL ELSE 'commande n°' || i || ' — 東京 ☕' END,
               timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', CASE WHEN i % 3 = 0 THEN NULL ELSE i % 11 = 0 END,
               jsonb_build_object('channel', CASE WHEN i % 2 = 0 THEN 'web' ELSE 'shop' END, 'score', i % 97, 'ref', 'r' || i),
               ARRAY[i % 5, i % 7, i % 11]
        FROM generate_series(1, ROWS) AS i;
        """;

    public static async Task<int> RunAsync(string hakiri, int rows, string work)
    {
        using var server = new PostgresServer();
        var database = server.CreateDatabase("bench");
        var load = Stopwatch.StartNew();
        server.Execute(database, Load.Replace("ROWS", rows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        server.Execute(database, "VACUUM ANALYZE bench");
        Console.WriteLine($"rows: {rows:N0}   machine: {Environment.ProcessorCount} cores   table loaded in {load.Elapsed.TotalSeconds:0.0} s");

        var psql = Path.Combine(server.Binaries, "psql");
        var copy = $"{psql} '{server.Url(database)}' -c '\\copy (SELECT * FROM bench) TO STDOUT' > /dev/null";
        Shell(copy);
        var ceilings = Enumerable.Range(0, Rounds).Select(_ => Shell(copy)).Order().ToArray();
        var ceiling = ceilings[Rounds / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling  psql \\copy (SELECT …) TO STDOUT > /dev/null: {ceiling,6:0.00} s ({rows / ceiling,10:N0} rows/s)   (median of {Rounds})"));

        // Which wire path to build on: typed NpgsqlDataReader getters or a binary COPY, both reading every column of
        // the table with the same select list hakiri uses, and doing nothing with the values.
        await using (var source = Npgsql.NpgsqlDataSource.Create(server.ConnectionString(database)))
        {
            await ReaderLoopAsync(source);
            Report("Npgsql reader, typed getters", [await ReaderLoopAsync(source)], rows, ceiling);
            await CopyLoopAsync(source);
            Report("Npgsql binary COPY", [await CopyLoopAsync(source)], rows, ceiling);
        }

        Environment.SetEnvironmentVariable("BENCH_DATABASE_URL", server.Url(database));
        var dir = Path.Combine(work, "postgres");
        var manifest = Path.Combine(dir, "hakiri.toml");
        var loads = new List<(double, long)>();
        var reruns = new List<(double, long)>();
        for (var round = 0; round < Rounds; round++)
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
            File.WriteAllText(manifest, """
                [project]
                name = "bench"
                [pipelines.bench.source]
                connector = "postgres"
                dsn_env = "BENCH_DATABASE_URL"
                table = "public.bench"
                """);
            loads.Add(Measure.Run(hakiri, ["run", "-m", manifest, "--json"]));
            reruns.Add(Measure.Run(hakiri, ["run", "-m", manifest, "--json"]));
        }

        Report("snapshot, first load", loads, rows, ceiling);
        Report("snapshot, re-run", reruns, rows, ceiling);
        return 0;
    }

    private const string Select = "SELECT id, customer, country, amount, quantity, note, created_at, is_gift, attrs::text, array_to_json(tags)::text FROM bench";

    private static async Task<(double, long)> ReaderLoopAsync(Npgsql.NpgsqlDataSource source)
    {
        var watch = Stopwatch.StartNew();
        await using var command = source.CreateCommand(Select);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess);
        long sum = 0;
        while (await reader.ReadAsync())
        {
            sum += reader.GetInt64(0) + reader.GetString(1).Length + reader.GetString(2).Length;
            sum += reader.IsDBNull(3) ? 0 : (long)reader.GetDecimal(3);
            sum += reader.IsDBNull(4) ? 0 : reader.GetInt32(4);
            sum += reader.IsDBNull(5) ? 0 : reader.GetString(5).Length;
            sum += reader.GetDateTime(6).Ticks & 1;
            sum += reader.IsDBNull(7) ? 0 : reader.GetBoolean(7) ? 1 : 0;
            sum += reader.IsDBNull(8) ? 0 : reader.GetString(8).Length;
            sum += reader.IsDBNull(9) ? 0 : reader.GetString(9).Length;
        }

        GC.KeepAlive(sum);
        return (watch.Elapsed.TotalSeconds, 0);
    }

    private static async Task<(double, long)> CopyLoopAsync(Npgsql.NpgsqlDataSource source)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await source.OpenConnectionAsync();
        await using var export = await connection.BeginBinaryExportAsync($"COPY ({Select}) TO STDOUT (FORMAT BINARY)");
        long sum = 0;
        while (await export.StartRowAsync() >= 0)
        {
            sum += await export.ReadAsync<long>() + (await export.ReadAsync<string>()).Length + (await export.ReadAsync<string>()).Length;
            sum += export.IsNull ? Skip(export) : (long)await export.ReadAsync<decimal>();
            sum += export.IsNull ? Skip(export) : await export.ReadAsync<int>();
            sum += export.IsNull ? Skip(export) : (await export.ReadAsync<string>()).Length;
            sum += (await export.ReadAsync<DateTime>()).Ticks & 1;
            sum += export.IsNull ? Skip(export) : await export.ReadAsync<bool>() ? 1 : 0;
            sum += export.IsNull ? Skip(export) : (await export.ReadAsync<string>()).Length;
            sum += export.IsNull ? Skip(export) : (await export.ReadAsync<string>()).Length;
        }

        GC.KeepAlive(sum);
        return (watch.Elapsed.TotalSeconds, 0);
    }

    private static long Skip(Npgsql.NpgsqlBinaryExporter export)
    {
        export.Skip();
        return 0;
    }

    private static void Report(string what, List<(double Seconds, long PeakKb)> runs, int rows, double ceiling)
    {
        var seconds = runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);
        var peak = runs.Max(r => r.PeakKb);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hakiri run {what,-22} {seconds,6:0.00} s ({rows / seconds,10:N0} rows/s), peak RSS {peak / 1024.0,5:0} MiB | hakiri/ceiling {ceiling / seconds:0.00}x   (median of {runs.Count})"));
    }

    private static double Shell(string command)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException($"{command} failed: {error}");
    }
}
