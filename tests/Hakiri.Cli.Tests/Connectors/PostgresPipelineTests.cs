using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Connectors;

/// <summary>
/// postgres pipelines run by the hakiri binary against a real server: snapshot runs make the store equal the table
/// (deletes included), incremental runs pick up exactly the changes, and bad input fails as a sentence.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPipelineTests(PostgresServer server)
{
    private const string Checksum = "SELECT id || '|' || coalesce(note, 'NULL') || '|' || qty FROM {orders} ORDER BY id";

    internal const string Table = """
        CREATE TABLE orders (id int PRIMARY KEY, note text, qty int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO orders (id, note, qty) SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'commande n°' || i END, i % 100 FROM generate_series(1, ROWS) AS i;
        """;

    [Fact]
    public async Task Run_SnapshotTwice_StoreEqualsTableWithDeletesGoneANewColumnAndTheTablesKey()
    {
        var database = server.CreateDatabase();
        server.Execute(database, Table.Replace("ROWS", "2500", StringComparison.Ordinal));
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("public.orders", batchRows: 400));
        var environment = PostgresCollection.Environment(server.Url(database), pullRows: 1000);

        var first = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        server.Execute(database, "DELETE FROM orders WHERE id % 5 = 0; UPDATE orders SET note = 'édité' WHERE id % 11 = 0; INSERT INTO orders (id, note, qty) VALUES (9001, 'nouveau', 1);"
            + "ALTER TABLE orders ADD COLUMN channel text DEFAULT 'web';");
        var second = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(PostgresCollection.Rows(server, database, Checksum.Replace("{orders}", "orders", StringComparison.Ordinal)), await PostgresCollection.StoreRows(dir, Checksum));
        var key = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT primary_key FROM tables WHERE name = 'orders'");
        Assert.Equal(["[\"id\"]"], key);
        var query = await HakiriProcess.RunAsync("query", "-m", manifest, "-f", "csv", "SELECT note, channel FROM orders WHERE id = 9001");
        Assert.Contains("nouveau,web", query.Stdout, StringComparison.Ordinal);
        var lineage = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT DISTINCT source FROM lineage WHERE source NOT LIKE 'rewrite:%'");
        Assert.Equal([$"postgres:{database}/public.orders"], lineage);
    }

    [Theory]
    [InlineData("snapshot")]
    [InlineData("incremental")]
    public async Task Run_WhileRowsChange_TheNextRunMakesTheStoreEqualTheTable(string mode)
    {
        var database = server.CreateDatabase();
        server.Execute(database, Table.Replace("ROWS", "6000", StringComparison.Ordinal));
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("orders", mode, mode == "incremental" ? "updated_at" : null, batchRows: 250));
        var environment = PostgresCollection.Environment(server.Url(database), pullRows: 500);

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => ChangeRows(database, deletes: mode == "snapshot", stop.Token));
        var during = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);
        await stop.CancelAsync();
        var changes = await writer;
        var after = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(during.ExitCode == 0, during.ToString());
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.True(changes > 10, $"only {changes} changes happened during the run");
        Assert.Equal(PostgresCollection.Rows(server, database, Checksum.Replace("{orders}", "orders", StringComparison.Ordinal)), await PostgresCollection.StoreRows(dir, Checksum));
    }

    [Theory]
    [InlineData("snapshot")]
    [InlineData("incremental")]
    public async Task Run_KilledMidRun_ReRunMakesTheStoreEqualTheTable(string mode)
    {
        var database = server.CreateDatabase();
        server.Execute(database, Table.Replace("ROWS", "15000", StringComparison.Ordinal));
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("orders", mode, mode == "incremental" ? "updated_at" : null, batchRows: 500));
        var environment = PostgresCollection.Environment(server.Url(database), pullRows: 1000);
        var random = new Random(20261201);
        var killed = 0;
        for (var i = 0; i < 2; i++)
        {
            // Killed right after a random pull-batch reports (of 15): mid-run by construction, not by timing.
            var after = random.Next(2, 9);
            var reported = 0;
            var midRun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var process = HakiriProcess.Start(environment, "run", "-m", manifest);
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data?.StartsWith("pull-batch orders:", StringComparison.Ordinal) == true && Interlocked.Increment(ref reported) == after)
                {
                    midRun.TrySetResult();
                }
            };
            if (await Task.WhenAny(midRun.Task, process.WaitForExitAsync()) == midRun.Task)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                killed++;
            }

            server.Execute(database, $"UPDATE orders SET qty = qty + 1, updated_at = now() WHERE id % 97 = {i}; DELETE FROM orders WHERE id % 101 = {i} AND {(mode == "snapshot" ? "true" : "false")};");
        }

        var final = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest);

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(killed == 2, $"{killed} of 2 runs were killed mid-way; the test did not exercise crashes");
        Assert.Equal(PostgresCollection.Rows(server, database, Checksum.Replace("{orders}", "orders", StringComparison.Ordinal)), await PostgresCollection.StoreRows(dir, Checksum));
    }

    [Fact]
    public async Task Run_ViaLambdaBootstrap_LandsTheSameRowsAsInProcess()
    {
        var database = server.CreateDatabase();
        server.Execute(database, Table.Replace("ROWS", "3000", StringComparison.Ordinal));
        using var inProcess = new TempDirectory();
        using var viaLambda = new TempDirectory();
        var manifest = PostgresCollection.Manifest("orders", "incremental", "updated_at", batchRows: 500);
        var manifests = new[] { inProcess.Write("hakiri.toml", manifest), viaLambda.Write("hakiri.toml", manifest) };
        var environment = PostgresCollection.Environment(server.Url(database), pullRows: 1000);

        var runs = new[]
        {
            await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifests[0]),
            await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifests[1], "--via", "lambda", "--bootstrap", LambdaBootstrapBinary.Path()),
        };

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var expected = PostgresCollection.Rows(server, database, Checksum.Replace("{orders}", "orders", StringComparison.Ordinal));
        Assert.Equal(expected, await PostgresCollection.StoreRows(inProcess, Checksum));
        Assert.Equal(expected, await PostgresCollection.StoreRows(viaLambda, Checksum));
    }

    [Fact]
    public async Task Run_WrongPassword_ExitsOneWithASentenceAndNoPassword()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", PostgresCollection.Manifest("orders"));

        var run = await HakiriProcess.RunWithEnvironmentAsync(PostgresCollection.Environment(server.Url(password: "Wr0ng-pa55word")), "run", "-m", manifest);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"PostgreSQL at postgres@127.0.0.1:{server.Port}/postgres refused the credentials in ORDERS_DATABASE_URL", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-pa55word", run.Stdout + run.Stderr, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("Wr0ng-pa55word", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("table = \"a\"\nquery = \"SELECT 1 AS id\"", "hakiri.toml:11:9", "sets both table and query")]
    [InlineData("mode = \"incremental\"", "hakiri.toml:11:8", "needs the column that increases")]
    public async Task Validate_BadPostgresSource_ExitsTwoAtFileLineColumn(string lines, string at, string expected)
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", $"""
            [project]
            name = "pg"

            [pipelines.orders]
            description = "Orders"

            [pipelines.orders.source]
            connector = "postgres"
            dsn_env = "ORDERS_DATABASE_URL"
            {(lines.StartsWith("mode", StringComparison.Ordinal) ? "table = \"orders\"\n" + lines : lines)}

            """);

        var result = await CliRunner.RunAsync("validate", manifest);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(at, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    // Inserts, updates (stamping updated_at) and, for snapshot, deletes, until stopped; returns how many it made.
    private int ChangeRows(string database, bool deletes, CancellationToken stop)
    {
        using var connection = server.Open(database);
        var random = new Random(7);
        var next = 100_000;
        var changes = 0;
        while (!stop.IsCancellationRequested)
        {
            var id = random.Next(1, 6000);
            var sql = random.Next(3) switch
            {
                0 => $"INSERT INTO orders (id, note, qty) VALUES ({next++}, 'ajout', 3)",
                1 => $"UPDATE orders SET qty = qty + 1, note = 'màj', updated_at = now() WHERE id = {id}",
                _ => deletes ? $"DELETE FROM orders WHERE id = {id}" : $"UPDATE orders SET note = NULL, updated_at = now() WHERE id = {id}",
            };
            using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
            changes++;
            Thread.Sleep(2);
        }

        return changes;
    }
}
