using Hakiri.Testing;

namespace Hakiri.Steps.Tests.Connectors;

/// <summary>
/// pull-batch acknowledges only the committed cursor, at the run's first batch: a postgres cdc pipeline whose second
/// run spans several pull-batches leaves its replication slot confirmed at the first run's cursor, never at a cursor a
/// pull-batch only staged; the third run confirms the second's.
/// </summary>
public sealed class AcknowledgeTests : IClassFixture<PostgresServer>
{
    private readonly PostgresServer _server;

    public AcknowledgeTests(PostgresServer server) => _server = server;

    [Fact]
    public async Task Run_SeveralPullBatches_TheSlotIsConfirmedOnlyAtTheCommittedCursor()
    {
        var database = _server.CreateDatabase("ack");
        _server.Execute(database, "CREATE TABLE items (id int PRIMARY KEY, v text); INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 300) g;");
        var variable = "ACK_DSN_" + database.ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, _server.Url(database));
        using var project = new TestProject($$"""
            [project]
            name = "ack"
            [pipelines.items.source]
            connector = "postgres"
            dsn_env = "{{variable}}"
            table = "public.items"
            mode = "cdc"
            slot = "s_{{database}}"
            batch_rows = 100
            """) { Options = new StepOptions { DuckDbThreads = 2, ConnectorBatchRows = 100 } };

        await project.RunAsync();
        var first = Lsn(project);
        for (var i = 0; i < 4; i++)
        {
            _server.Execute(database, $"UPDATE items SET v = 'round {i}' WHERE id > {i * 75} AND id <= {(i + 1) * 75}");
        }

        await project.RunAsync();
        var confirmedAfterSecond = Confirmed(database);
        var second = Lsn(project);
        await project.RunAsync();
        var confirmedAfterThird = Confirmed(database);

        Assert.Equal(first, confirmedAfterSecond);
        Assert.NotEqual(first, second);
        Assert.Equal(second, confirmedAfterThird);
        Assert.Equal(300, project.Count("SELECT count(*) FROM items WHERE v LIKE 'round %'"));
    }

    private static string Lsn(TestProject project)
    {
        using var catalog = project.Catalog();
        var cursor = catalog.GetCursor("items")!;
        return System.Text.Json.JsonDocument.Parse(cursor).RootElement.GetProperty("lsn").GetString()!;
    }

    private string Confirmed(string database)
    {
        using var connection = _server.Open(database);
        using var command = new Npgsql.NpgsqlCommand($"SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = 's_{database}'", connection);
        return (string)command.ExecuteScalar()!;
    }
}
