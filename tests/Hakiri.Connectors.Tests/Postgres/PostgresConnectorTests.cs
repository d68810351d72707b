using System.Text;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Postgres;

/// <summary>Discovery and keyset reads against a real PostgreSQL server.</summary>
[Collection(PostgresConnectorCollection.Name)]
public sealed class PostgresConnectorTests(PostgresServer server)
{
    [Fact]
    public async Task DiscoverAsync_Table_ReadsColumnsNullabilityAndPrimaryKey()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE SCHEMA sales; CREATE TABLE sales.orders (region text, id int, total numeric(10,2) NOT NULL, note text, PRIMARY KEY (region, id));");
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("sales.orders"));

        var table = Assert.Single(await harness.Connector().DiscoverAsync());

        Assert.Equal(["region", "id"], table.PrimaryKey);
        Assert.Equal("region Utf8 False, id Int64 False, total Decimal False, note Utf8 True",
            string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.Type.Kind} {c.Nullable}")));
        Assert.Equal(ColumnType.Decimal(10, 2), table.Columns[2].Type);
    }

    [Fact]
    public async Task DiscoverAsync_Query_DescribesResultColumnsAndUsesTheManifestKey()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE items (id int PRIMARY KEY, price numeric(8,3), name text);");
        var harness = new PostgresHarness(server.ConnectionString(database),
            PostgresHarness.Manifest(null, query: "SELECT id AS item_id, price * 2 AS doubled, upper(name) AS shout FROM items"), primaryKey: ["item_id"]);

        var table = Assert.Single(await harness.Connector().DiscoverAsync());

        Assert.Equal(["item_id"], table.PrimaryKey);
        Assert.Equal("item_id Int64, doubled Float64, shout Utf8", string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.Type.Kind}")));
    }

    [Theory]
    [InlineData("missing_table", PostgresReadMode.Snapshot, null, "table missing_table does not exist")]
    [InlineData("things", PostgresReadMode.Incremental, "changed_at", "has no column 'changed_at' (the cursor_column)")]
    [InlineData("keyless_view", PostgresReadMode.Snapshot, null, "has no primary key to page on; set primary_key")]
    [InlineData("keyless", PostgresReadMode.Incremental, "updated_at", "mode = \"incremental\" needs one")]
    public async Task DiscoverAsync_BadSource_IsAPermanentSentenceNamingTableAndColumn(string table, PostgresReadMode mode, string? cursor, string expected)
    {
        var database = server.CreateDatabase();
        server.Execute(database, """
            CREATE TABLE things (id int PRIMARY KEY, updated_at timestamptz);
            CREATE TABLE keyless (v text, updated_at timestamptz);
            CREATE VIEW keyless_view AS SELECT * FROM keyless;
            """);
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest(table, mode, cursor));

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await harness.Connector().DiscoverAsync());

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incremental_DuplicateTimestampsAcrossBatchEdges_EveryRowOnceThenOnlyChanges()
    {
        var database = server.CreateDatabase();
        // 23 rows over three timestamps: with pages of 4, pages end inside runs of equal updated_at.
        server.Execute(database, """
            CREATE TABLE events (id int PRIMARY KEY, updated_at timestamptz NOT NULL);
            INSERT INTO events SELECT i, timestamptz '2024-01-01 00:00:00+00' + (i % 3) * interval '1 second' FROM generate_series(1, 23) AS i;
            """);
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("events", PostgresReadMode.Incremental, "updated_at", batchRows: 4));

        var (first, cursor, batches) = await harness.RunAsync(null, "id");
        server.Execute(database, """
            UPDATE events SET updated_at = timestamptz '2024-01-01 00:00:01+00' WHERE id = 5;
            UPDATE events SET updated_at = timestamptz '2024-01-02 00:00:00+00' WHERE id IN (7, 8);
            INSERT INTO events VALUES (24, '2024-01-02 00:00:00+00'), (25, '2024-01-02 00:00:00+00');
            """);
        var (second, _, _) = await harness.RunAsync(cursor, "id");

        Assert.Equal(Enumerable.Range(1, 23).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), first.Order());
        Assert.Equal(6, batches);
        // id 5 moved back to a stamp the cursor passed: incremental mode cannot see it (docs: stamps must increase).
        Assert.Equal(["7", "8", "24", "25"], second);
        Assert.Contains("\"after\":[\"2024-01-01 00:00:02+00\",\"23\"]", Encoding.UTF8.GetString(cursor), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incremental_LateCommittingTransaction_IsNeitherLostNorDoubled()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE orders (id int PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());");
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("orders", PostgresReadMode.Incremental, "updated_at", batchRows: 2));

        // A begins (stamp T1) and inserts but does not commit; B inserts later (T2 > T1) and commits.
        await using var late = server.Open(database);
        await using var a = await late.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand("INSERT INTO orders (id) VALUES (1)", late, a))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await Task.Delay(20);
        server.Execute(database, "INSERT INTO orders (id) VALUES (2)");
        var (first, cursor, _) = await harness.RunAsync(null, "id");
        await a.CommitAsync();
        var (second, cursor2, _) = await harness.RunAsync(cursor, "id");
        var (third, _, _) = await harness.RunAsync(cursor2, "id");

        // A's open transaction holds the bound at T1: B waits with A, then both land once.
        Assert.Empty(first);
        Assert.Equal(["1", "2"], second);
        Assert.Empty(third);
    }

    [Fact]
    public async Task Snapshot_CompositeTextAndIntegerKey_PagesThroughEveryRowOnce()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE stock (region text, id int, qty int, PRIMARY KEY (region, id));"
            + "INSERT INTO stock SELECT r, i, i FROM unnest(ARRAY['Ålesund', 'O''Hare', 'Zürich']) AS r, generate_series(1, 5) AS i;");
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("stock", batchRows: 4));

        var (regions, _, batches) = await harness.RunAsync(null, "region");

        Assert.Equal(15, regions.Count);
        Assert.Equal(4, batches);
        Assert.Equal(["O'Hare", "Zürich", "Ålesund"], regions.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Snapshot_InfinityTimestamps_ReadAsTheEndsOfTheRange()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE t (id int PRIMARY KEY, at timestamptz); INSERT INTO t VALUES (1, 'infinity'), (2, '-infinity');");
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("t"));

        await using var reader = await harness.Connector().OpenAsync("orders", null);
        var batch = (await reader.NextAsync())!;

        var at = (Apache.Arrow.TimestampArray)batch.Records.Column(1);
        Assert.Equal((DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10, at.GetValue(0));
        Assert.Equal((DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10, at.GetValue(1));
    }

    [Fact]
    public async Task Snapshot_TableWithoutKey_PagesOnCtidAndEndsWithAnEmptyCursor()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE log (line text); INSERT INTO log SELECT 'line ' || i FROM generate_series(1, 10) AS i;");
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("log", batchRows: 3));

        var (lines, cursor, batches) = await harness.RunAsync(null, "line");

        Assert.Equal(10, lines.Distinct().Count());
        Assert.Equal(4, batches);
        Assert.Equal("{\"v\":1,\"mode\":\"snapshot\"}", Encoding.UTF8.GetString(cursor));
        Assert.Empty((await harness.Connector().DiscoverAsync())[0].PrimaryKey);
    }
}
