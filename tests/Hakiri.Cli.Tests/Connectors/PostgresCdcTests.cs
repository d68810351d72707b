using System.Globalization;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>
/// postgres pipelines in cdc mode, run by the hakiri binary against a real server with wal_level = logical: the first
/// run lands the table, later runs apply inserts, updates (TOASTed values left alone) and deletes so the store equals
/// the table, runs racing writers and SIGKILLed runs converge, and a dropped slot is a sentence that `hakiri reset`
/// answers.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCdcTests(PostgresServer server)
{
    private const string Checksum = "SELECT id || '|' || coalesce(note, 'NULL') || '|' || qty || '|' || coalesce(md5(big), 'NULL') FROM {orders} ORDER BY id";

    private const string Table = """
        CREATE TABLE orders (id int PRIMARY KEY, note text, qty int NOT NULL, big text);
        ALTER TABLE orders ALTER COLUMN big SET STORAGE EXTERNAL;
        INSERT INTO orders (id, note, qty, big)
        SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'commande n°' || i END, i % 100, CASE WHEN i % 50 = 0 THEN repeat('Ω' || i, 1500) END
        FROM generate_series(1, ROWS) AS i;
        """;

    [Fact]
    public async Task Run_Cdc_FirstRunThenInsertsUpdatesAndDeletes_StoreEqualsTheTable()
    {
        using var dir = new TempDirectory();
        var (database, manifest, environment) = Setup(dir, 2500);

        var first = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        var afterFirst = await StoreRowsAsync(dir);
        server.Execute(database, """
            DELETE FROM orders WHERE id % 5 = 0;
            UPDATE orders SET note = 'édité', qty = qty + 1 WHERE id % 11 = 0;
            UPDATE orders SET id = id + 100000 WHERE id % 13 = 0;
            INSERT INTO orders (id, note, qty, big) VALUES (9001, 'nouveau', 1, repeat('é', 5000));
            """);
        var second = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(TableRows(database), await StoreRowsAsync(dir));
        Assert.Equal(2500, afterFirst.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var columns = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT columns FROM tables WHERE name = 'orders'");
        Assert.DoesNotContain("_hakiri_op", Assert.Single(columns), StringComparison.Ordinal);
        var cursor = Assert.Single(await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT cursor FROM cursors WHERE table_name = 'orders'"));
        Assert.Contains("\"mode\":\"cdc\",\"phase\":\"stream\"", cursor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Cdc_WhileRowsChange_TheNextRunMakesTheStoreEqualTheTable()
    {
        using var dir = new TempDirectory();
        var (database, manifest, environment) = Setup(dir, 6000, batchRows: 250, pullRows: 500);

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => ChangeRows(database, stop.Token));
        var during = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        var again = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        await stop.CancelAsync();
        var changes = await writer;
        var after = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(during.ExitCode == 0, during.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.True(changes > 10, $"only {changes} changes happened during the runs");
        Assert.Equal(TableRows(database), await StoreRowsAsync(dir));
    }

    [Fact]
    public async Task Run_Cdc_KilledMidRun_ReRunMakesTheStoreEqualTheTableAndTheSlotNeverPassesTheCommittedCursor()
    {
        using var dir = new TempDirectory();
        var (database, manifest, environment) = Setup(dir, 20000, batchRows: 500, pullRows: 1000);
        var random = new Random(20261201);
        var killed = 0;
        for (var i = 0; i < 5; i++)
        {
            using var process = HakiriProcess.Start(environment, "run", "-m", manifest);
            if (!process.WaitForExit(random.Next(800, 2500)))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                killed++;
            }

            Assert.True(ConfirmedWithinCommitted(database, dir), "the slot confirmed a position the store has not committed");
            server.Execute(database, $"""
                UPDATE orders SET qty = qty + 1, note = 'tour {i}' WHERE id % 7 = {i};
                DELETE FROM orders WHERE id % 101 = {i};
                INSERT INTO orders (id, note, qty) SELECT 50000 + {i} * 1000 + g, 'ajout', g FROM generate_series(1, 300) AS g;
                """);
        }

        var final = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(killed >= 1, "no run was killed mid-way; the test did not exercise a crash");
        Assert.Equal(TableRows(database), await StoreRowsAsync(dir));
    }

    [Fact]
    public async Task Run_Cdc_SlotDropped_ExitsOneWithASentenceAndResetStartsOverFromASnapshot()
    {
        using var dir = new TempDirectory();
        var (database, manifest, environment) = Setup(dir, 300);
        var first = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        DropSlot(database);
        server.Execute(database, "DELETE FROM orders WHERE id <= 10; INSERT INTO orders (id, note, qty) VALUES (7777, 'après', 1);");

        var failed = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        var reset = await HakiriProcess.RunAsync("reset", "orders", "-m", manifest);
        var again = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"the replication slot 's_{database}' at postgres@127.0.0.1:{server.Port}/{database} no longer exists", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("start over from a fresh snapshot with `hakiri reset orders`", failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, failed.Stdout + failed.Stderr, StringComparison.Ordinal);
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("orders: cursor of table orders forgotten", reset.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(TableRows(database), await StoreRowsAsync(dir));
    }

    [Fact]
    public async Task Run_Cdc_ChangedRows_LandWithTheSnapshotsTypes()
    {
        var database = server.CreateDatabase();
        server.Execute(database, """
            CREATE TABLE kinds (id int8 PRIMARY KEY, u uuid, j jsonb, a int[], n numeric(12,3), ts timestamptz, big text);
            INSERT INTO kinds VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": "ü"}', '{1,2}', 1.5, '2024-02-29 10:00:00+00', repeat('x', 9000));
            """);
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("public.kinds", "cdc", extra: $"slot = \"s_{database}\""));
        var environment = PostgresCollection.Environment(server.Url(database));
        var files = $"read_parquet('{dir.Combine(".hakiri", "data")}/orders/**/*.parquet')";
        var describe = $"SELECT string_agg(column_name || ' ' || column_type, ', ') AS d FROM (DESCRIBE SELECT * FROM {files}) WHERE column_name NOT LIKE '_hakiri%'";

        var first = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        Assert.True(first.ExitCode == 0, first.ToString());
        var snapshotTypes = (await PlainReaders.DuckDbAsync(describe))[0].GetProperty("d").GetString();
        server.Execute(database, """
            UPDATE kinds SET n = 2.25, a = '{3}' WHERE id = 1;
            INSERT INTO kinds VALUES (2, 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '{"a": "東京"}', '{4,5,6}', 7.125, '2024-03-01 12:30:00.123456+02', NULL);
            """);
        var second = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("id BIGINT, u UUID, j JSON, a INTEGER[], n DECIMAL(12,3), ts TIMESTAMP WITH TIME ZONE, big VARCHAR", snapshotTypes);
        Assert.Equal(snapshotTypes, (await PlainReaders.DuckDbAsync(describe))[0].GetProperty("d").GetString());
        var rows = await PlainReaders.DuckDbAsync($"""
            SET TimeZone = 'UTC';
            SELECT concat_ws(' | ', id, u, j->>'$.a', a, n, ts, length(big)) AS v FROM {files} ORDER BY id
            """);
        Assert.Equal(
            ["1 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 | ü | [3] | 2.250 | 2024-02-29 10:00:00+00 | 9000",
             "2 | b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12 | 東京 | [4, 5, 6] | 7.125 | 2024-03-01 10:30:00.123456+00"],
            rows.Select(r => r.GetProperty("v").GetString()));
    }

    private (string Database, string Manifest, Dictionary<string, string> Environment) Setup(TempDirectory dir, int rows, int batchRows = 1000, int? pullRows = null)
    {
        var database = server.CreateDatabase();
        server.Execute(database, Table.Replace("ROWS", rows.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // Slots are the cluster's, not the database's: each test names its own.
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("public.orders", "cdc", batchRows: batchRows, extra: $"slot = \"s_{database}\""));
        return (database, manifest, PostgresCollection.Environment(server.Url(database), pullRows));
    }

    private string TableRows(string database) => PostgresCollection.Rows(server, database, Checksum.Replace("{orders}", "orders", StringComparison.Ordinal));

    private static Task<string> StoreRowsAsync(TempDirectory dir) => PostgresCollection.StoreRows(dir, Checksum);

    private void DropSlot(string database)
    {
        // A finished run's walsender may take a moment to let go of the slot.
        for (var i = 0; ; i++)
        {
            try
            {
                server.Execute(database, $"SELECT pg_drop_replication_slot('s_{database}')");
                return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.ObjectInUse && i < 200)
            {
                Thread.Sleep(25);
            }
        }
    }

    // The slot's confirmed position never passes the cursor the catalog committed (no cursor: nothing confirmed yet
    // beyond the slot's creation, which the first commit's cursor follows).
    private bool ConfirmedWithinCommitted(string database, TempDirectory dir)
    {
        // A run killed while it created the catalog leaves one without the cursors table yet.
        var catalog = dir.Combine(".hakiri", "catalog.sqlite");
        var created = File.Exists(catalog)
            && PlainReaders.Sqlite3Async(catalog, "SELECT count(*) FROM sqlite_master WHERE name = 'cursors'").GetAwaiter().GetResult().Single() == "1";
        var committed = created
            ? PlainReaders.Sqlite3Async(catalog, "SELECT json_extract(cursor, '$.lsn') FROM cursors WHERE table_name = 'orders'").GetAwaiter().GetResult().SingleOrDefault()
            : null;
        var confirmed = PostgresCollection.Rows(server, database, $"SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = 's_{database}'").Trim();
        if (committed is null || confirmed.Length == 0)
        {
            return true;
        }

        return PostgresCollection.Rows(server, database, $"SELECT ('{confirmed}'::pg_lsn <= '{committed}'::pg_lsn)::text").Trim() == "true";
    }

    // Inserts, updates and deletes, until stopped; returns how many it made.
    private int ChangeRows(string database, CancellationToken stop)
    {
        using var connection = server.Open(database);
        var random = new Random(11);
        var next = 200_000;
        var changes = 0;
        while (!stop.IsCancellationRequested)
        {
            var id = random.Next(1, 6000);
            var sql = random.Next(4) switch
            {
                0 => $"INSERT INTO orders (id, note, qty) VALUES ({next++}, 'ajout', 3)",
                1 => $"UPDATE orders SET qty = qty + 1, note = 'màj' WHERE id = {id}",
                2 => $"BEGIN; UPDATE orders SET qty = qty + 2 WHERE id BETWEEN {id} AND {id + 20}; DELETE FROM orders WHERE id = {id + 21}; COMMIT;",
                _ => $"DELETE FROM orders WHERE id = {id}",
            };
            using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
            changes++;
            Thread.Sleep(2);
        }

        return changes;
    }
}
