using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Testing;

namespace Hakiri.Connectors.Tests.Postgres;

/// <summary>Every failure a user meets is one sentence of the right kind, and never shows the connection string.</summary>
[Collection(PostgresConnectorCollection.Name)]
public sealed class PostgresErrorTests(PostgresServer server)
{
    private static async Task<ConnectorException> FailsAsync(PostgresHarness harness)
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await harness.Connector().DiscoverAsync());
        Assert.DoesNotContain(PostgresServer.Password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task DiscoverAsync_DsnUnset_NamesTheVariable()
    {
        var error = await FailsAsync(new PostgresHarness(string.Empty, PostgresHarness.Manifest("t")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.StartsWith("pipeline 'orders': the environment variable PG_DSN (dsn_env) is not set;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_NothingListening_IsTransient()
    {
        var error = await FailsAsync(new PostgresHarness("postgresql://u:wrong-secret@127.0.0.1:1/db", PostgresHarness.Manifest("t")));

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Contains("cannot reach PostgreSQL at u@127.0.0.1:1/db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_WrongPassword_IsAuthExpiredNamingTheVariable()
    {
        var error = await FailsAsync(new PostgresHarness(server.Url("postgres", password: "wrong-secret"), PostgresHarness.Manifest("t")));

        Assert.Equal(ConnectorErrorKind.AuthExpired, error.Kind);
        Assert.Contains("refused the credentials in PG_DSN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_MissingDatabase_SaysSo()
    {
        var error = await FailsAsync(new PostgresHarness(server.Url("no_such_db"), PostgresHarness.Manifest("t")));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains("has no such database; correct the database name in PG_DSN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_PermissionDenied_SuggestsTheGrant()
    {
        var database = server.CreateDatabase();
        var role = "reader_" + database[^6..];
        server.Execute(database, $"CREATE TABLE secret (id int PRIMARY KEY); CREATE ROLE {role} LOGIN PASSWORD 'pw';");
        var harness = new PostgresHarness(server.Url(database, role, "pw"), PostgresHarness.Manifest("secret"));

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await using var reader = await harness.Connector().OpenAsync("orders", null);
            await reader.NextAsync();
        });

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains($"GRANT SELECT ON public.secret TO {role}", error.Message.Replace("ON secret", "ON public.secret", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_QueryThatWrites_IsRefusedByTheReadOnlyTransaction()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE SEQUENCE s;");
        var harness = new PostgresHarness(server.ConnectionString(database), PostgresHarness.Manifest(null, query: "SELECT nextval('s') AS id"), primaryKey: ["id"]);

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await using var reader = await harness.Connector().OpenAsync("orders", null);
            await reader.NextAsync();
        });

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains("tries to write", error.Message, StringComparison.Ordinal);
        Assert.Contains("READ ONLY transaction; make the query a plain SELECT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MultiDimensionalArray_IsAPermanentSentenceNamingTheTable()
    {
        var database = server.CreateDatabase();
        server.Execute(database, "CREATE TABLE grid (id int PRIMARY KEY, cells int[]); INSERT INTO grid VALUES (1, '{{1,2},{3,4}}');");
        var harness = new PostgresHarness(server.Url(database), PostgresHarness.Manifest("grid"));

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await using var reader = await harness.Connector().OpenAsync("orders", null);
            await reader.NextAsync();
        });

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Contains("a value of table grid cannot be read as its column's type", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://me:p%40ss@db.example.com:6543/sales?sslmode=verify-full&application_name=x", "me@db.example.com:6543/sales", "VerifyFull")]
    [InlineData("Host=db.example.com;Port=6543;Username=me;Password=p@ss;Database=sales", "me@db.example.com:6543/sales", "Prefer")]
    public void Dsn_UrlOrKeyValue_ParsesToTheSameConnection(string dsn, string described, string sslMode)
    {
        var builder = Connectors.Postgres.PostgresDsn.Read("orders", "PG_DSN", _ => dsn);

        Assert.Equal(described, Connectors.Postgres.PostgresDsn.Describe(builder));
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(sslMode, builder.SslMode.ToString());
    }

    [Fact]
    public void Dsn_UnknownUrlParameter_NamesItWithoutTheValue()
    {
        var error = Assert.Throws<ConnectorException>(() => Connectors.Postgres.PostgresDsn.Read("orders", "PG_DSN", _ => "postgresql://me:wrong-secret@h/db?sslpassword=wrong-secret"));

        Assert.Contains("has the parameter 'sslpassword'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
    }
}
