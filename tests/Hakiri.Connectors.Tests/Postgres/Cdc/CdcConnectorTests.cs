using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Postgres.Cdc;
using Hakiri.Testing;
using Npgsql;

namespace Hakiri.Connectors.Tests.Postgres.Cdc;

/// <summary>Change capture against a real PostgreSQL 15 (wal_level = logical): phases, keys, acknowledgement, TOAST, failures.</summary>
[Collection(PostgresCdcCollection.Name)]
public sealed class CdcConnectorTests(PostgresServer server)
{
    private const string Items = "CREATE TABLE items (id int PRIMARY KEY, v text); INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 5) g;";

    private (string Database, CdcHarness Harness) Setup(string sql = Items, int batchRows = 1000)
    {
        var database = server.CreateDatabase("cdc");
        server.Execute(database, sql);
        return (database, new CdcHarness(server.Url(database), batchRows: batchRows, pipeline: database));
    }

    [Fact]
    public async Task RunAsync_FirstRun_CreatesPublicationAndSlotAndReadsAResetThenTheTable()
    {
        var (database, harness) = Setup();

        var (changes, cursor, _) = await harness.RunAsync(null);

        Assert.Equal(new Change("t", null, null), changes[0]);
        Assert.Equal(["1", "2", "3", "4", "5"], changes.Skip(1).Select(c => c.Id));
        Assert.All(changes.Skip(1), c => Assert.Equal("u", c.Op));
        Assert.Contains("\"phase\":\"stream\"", CdcHarness.Text(cursor), StringComparison.Ordinal);
        Assert.Equal("pgoutput", Scalar(database, $"SELECT plugin FROM pg_replication_slots WHERE slot_name = 'hakiri_{database}'"));
        Assert.Equal("1", Scalar(database, $"SELECT count(*)::text FROM pg_publication_tables WHERE pubname = 'hakiri_{database}' AND tablename = 'items'"));
    }

    [Fact]
    public async Task RunAsync_InsertsUpdatesDeletesAndAKeyChange_ReadAsUpsertsAndDeletesByKey()
    {
        var (database, harness) = Setup();
        var (_, committed, _) = await harness.RunAsync(null);
        server.Execute(database, """
            INSERT INTO items VALUES (6, 'six');
            UPDATE items SET v = 'two' WHERE id = 2;
            DELETE FROM items WHERE id = 3;
            UPDATE items SET id = 40 WHERE id = 4;
            INSERT INTO items VALUES (7, 'gone'); DELETE FROM items WHERE id = 7;
            """);

        var (changes, cursor, _) = await harness.RunAsync(committed);

        Assert.Equal(
            [new("u", "6", "six"), new("u", "2", "two"), new("d", "3", null), new("d", "4", null), new("u", "40", "v4"), new("d", "7", null)],
            changes);
        Assert.NotEqual(CdcHarness.Text(committed), CdcHarness.Text(cursor));
    }

    [Fact]
    public async Task RunAsync_NotCommitted_TheSlotKeepsTheChangesAndOnlyACommittedCursorIsConfirmed()
    {
        var (database, harness) = Setup();
        var (_, c0, _) = await harness.RunAsync(null);
        server.Execute(database, "INSERT INTO items VALUES (8, 'eight')");

        var (read, c1, _) = await harness.RunAsync(c0);
        var confirmedAfterRead = await ConfirmedAsync(database);
        var (again, c1Again, _) = await harness.RunAsync(c0);
        var (after, _, _) = await harness.RunAsync(c1);
        var confirmedAfterCommit = await ConfirmedAsync(database);

        Assert.Equal([new Change("u", "8", "eight")], read);
        Assert.Equal(read, again);
        Assert.True(string.CompareOrdinal(Lsn(c1Again).PadLeft(20), Lsn(c1).PadLeft(20)) >= 0, "the re-read ended before the first read");
        Assert.Empty(after);
        Assert.Equal(Lsn(c0), confirmedAfterRead);
        Assert.Equal(Lsn(c1), confirmedAfterCommit);
    }

    [Fact]
    public async Task RunAsync_UpdateLeavesATOASTedValueUnchanged_LandsTheWholeRow()
    {
        var (database, harness) = Setup("""
            CREATE TABLE items (id int PRIMARY KEY, v text, big text);
            ALTER TABLE items ALTER COLUMN big SET STORAGE EXTERNAL;
            INSERT INTO items VALUES (1, 'a', repeat('x', 10000));
            """);
        var (_, committed, _) = await harness.RunAsync(null, "big");
        server.Execute(database, "UPDATE items SET v = 'changed' WHERE id = 1");

        var (changes, _, _) = await harness.RunAsync(committed, "big");

        var change = Assert.Single(changes);
        Assert.Equal("u", change.Op);
        Assert.Equal(new string('x', 10000), change.Value);
    }

    [Fact]
    public async Task RunAsync_TransactionLargerThanABatch_IsNeverSplitAcrossCursors()
    {
        var (database, harness) = Setup(batchRows: 2);
        var (_, committed, _) = await harness.RunAsync(null);
        server.Execute(database, "BEGIN; UPDATE items SET v = 'x'; COMMIT; INSERT INTO items VALUES (6, 'six');");

        var (changes, _, batches) = await harness.RunAsync(committed);

        Assert.Equal(2, batches);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], changes.Select(c => c.Id));
    }

    [Fact]
    public async Task RunAsync_TableTruncated_ResetsThenLandsTheRowsInsertedAfter()
    {
        var (database, harness) = Setup();
        var (_, committed, _) = await harness.RunAsync(null);
        server.Execute(database, "UPDATE items SET v = 'lost' WHERE id = 1; TRUNCATE items; INSERT INTO items VALUES (9, 'nine');");

        var (changes, _, _) = await harness.RunAsync(committed);

        Assert.Equal([new Change("t", null, null), new Change("u", "9", "nine")], changes);
    }

    [Fact]
    public async Task OpenAsync_SlotDroppedAfterTheFirstRun_IsASentenceSayingHowToStartOver()
    {
        var (database, harness) = Setup();
        var (_, committed, _) = await harness.RunAsync(null);
        await WaitForIdleSlotAsync(database);
        server.Execute(database, $"SELECT pg_drop_replication_slot('hakiri_{database}')");

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await harness.Connector().OpenAsync("items", committed));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains($"the replication slot 'hakiri_{database}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no longer exists", error.Message, StringComparison.Ordinal);
        Assert.Contains($"hakiri reset {database}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_TableWithoutPrimaryKey_IsASentence()
    {
        var (_, harness) = Setup("CREATE TABLE items (id int, v text)");

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await harness.Connector().DiscoverAsync());

        Assert.Contains("has no primary key", error.Message, StringComparison.Ordinal);
        Assert.Contains("REPLICA IDENTITY FULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UserWithoutReplication_IsASentenceNamingTheAttribute()
    {
        var (database, _) = Setup();
        var role = "owner_" + database[^6..];
        server.Execute(database, $"CREATE ROLE {role} LOGIN PASSWORD 'pw'; ALTER TABLE items OWNER TO {role}; GRANT CREATE ON DATABASE {database} TO {role};");
        var harness = new CdcHarness(server.Url(database, role, "pw"), pipeline: database);

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await harness.Connector().OpenAsync("items", null));

        Assert.Contains("may not use replication slots", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ALTER ROLE {role} REPLICATION", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.Message.Replace("password", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UserMayNotPublishTheTable_IsASentenceAskingTheOwnerToPublish()
    {
        var (database, _) = Setup();
        var role = "repl_" + database[^6..];
        server.Execute(database, $"CREATE ROLE {role} LOGIN REPLICATION PASSWORD 'pw'; GRANT SELECT ON items TO {role};");
        var harness = new CdcHarness(server.Url(database, role, "pw"), pipeline: database);

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await harness.Connector().OpenAsync("items", null));

        Assert.Contains("takes the table's owner", error.Message, StringComparison.Ordinal);
        Assert.Contains($"have the owner run CREATE PUBLICATION \"hakiri_{database}\" FOR TABLE public.items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WalLevel_NotLogical_SaysWhatToSetAndThatItNeedsARestart()
    {
        var errors = new CdcErrors("orders", "app@db:5432/shop", "public.orders", "hakiri_orders", "hakiri_orders", null!);

        var message = errors.WalLevel("replica").Message;

        Assert.Equal(
            "pipeline 'orders': PostgreSQL at app@db:5432/shop runs with wal_level = replica, and mode = \"cdc\" needs wal_level = logical; "
            + "set it (ALTER SYSTEM SET wal_level = logical, or wal_level = logical in postgresql.conf; on Amazon RDS, rds.logical_replication = 1) and restart the server.",
            message);
    }

    [Theory]
    [InlineData("orders", "hakiri_orders")]
    [InlineData("Orders-EU.2026", "hakiri_orders_eu_2026")]
    public void DefaultName_Pipeline_IsALowerCaseIdentifier(string pipeline, string expected) =>
        Assert.Equal(expected, PostgresCdcConnector.DefaultName(pipeline));

    private static string Lsn(byte[] cursor) => CdcCursor.TryParse(cursor)!.Lsn;

    private string? Scalar(string database, string sql)
    {
        using var connection = server.Open(database);
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() as string;
    }

    // A slot's confirmed position once its walsender has gone (it processes the last status update before it exits).
    private async Task<string?> ConfirmedAsync(string database)
    {
        await WaitForIdleSlotAsync(database);
        return Scalar(database, $"SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = 'hakiri_{database}'");
    }

    private async Task WaitForIdleSlotAsync(string database)
    {
        for (var i = 0; i < 400 && Scalar(database, $"SELECT active::text FROM pg_replication_slots WHERE slot_name = 'hakiri_{database}'") == "true"; i++)
        {
            await Task.Delay(25);
        }
    }
}
