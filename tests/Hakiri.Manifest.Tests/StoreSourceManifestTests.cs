using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary>
/// What the postgres and s3 sources and [deploy.aws] secrets and vpc bind to, and the mistakes the per-connector tests
/// (MalformedPostgresSourceTests, S3SourceManifestTests) do not cover: a located sentence each.
/// </summary>
public sealed class StoreSourceManifestTests
{
    private const string Project = "[project]\nname = \"p\"\n";
    private const string Postgres = Project + "[pipelines.orders.source]\nconnector = \"postgres\"\ndsn_env = \"ORDERS_DATABASE_URL\"\n";

    public static TheoryData<string, string, int, int, string> Errors => new()
    {
        { "query not a select", Postgres + "query = \"DELETE FROM orders\"\n", 6, 9, "query must be one read-only SELECT" },
        { "two statements", Postgres + "query = \"SELECT 1; DROP TABLE orders\"\n", 6, 18, "query holds more than one statement" },
        { "cdc over a query", "[project]\nname = \"p\"\n[pipelines.orders]\nprimary_key = [\"id\"]\n[pipelines.orders.source]\nconnector = \"postgres\"\ndsn_env = \"D\"\nquery = \"SELECT 1 AS id\"\nmode = \"cdc\"\n", 8, 9, "mode = \"cdc\" reads a table's change stream and cannot read a query" },
        { "query without primary key", Postgres + "query = \"SELECT id FROM orders\"\n", 6, 1, "reads a query but has no primary_key" },
        { "no bucket", Project + "[pipelines.events.source]\nconnector = \"s3\"\nformat = \"csv\"\n", 3, 1, "has no 'bucket'" },
        { "secret reference", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"*.csv\"\n[deploy.aws]\nsecrets = { DB = \"vault:/x\" }\n", 7, 18, "write ssm:/path/to/parameter or secretsmanager:secret-name" },
        { "secret variable name", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"*.csv\"\n[deploy.aws]\nsecrets = { \"DB-URL\" = \"ssm:/x\" }\n", 7, 13, "a key is the environment variable the source reads" },
        { "vpc without security groups", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"*.csv\"\n[deploy.aws.vpc]\nsubnet_ids = [\"subnet-0a1b2c3d\"]\n", 6, 1, "has no 'security_group_ids'" },
        { "bad subnet", Project + "[pipelines.t.source]\nconnector = \"file\"\npath = \"*.csv\"\n[deploy.aws.vpc]\nsubnet_ids = [\"0a1b2c3d\"]\nsecurity_group_ids = [\"sg-0a1b2c3d\"]\n", 7, 15, "write a subnet id such as subnet-0a1b2c3d" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void ParseProject_MalformedStoreSource_ReportsLocatedError(string name, string toml, int line, int column, string fragment)
    {
        var result = ManifestLoaderTests.Parse(toml);

        Assert.False(result.Succeeded, name);
        var errors = result.Diagnostics.Where(d => d.IsError).ToArray();
        var error = errors.FirstOrDefault(d => (d.Line, d.Column) == (line, column));
        Assert.True(error is not null, $"{name}: expected an error at {line}:{column}, got {string.Join(" | ", errors)}");
        Assert.True(error.ToString().Contains(fragment, StringComparison.Ordinal), $"{name}: expected '{fragment}' in {error}");
    }

    [Fact]
    public void ParseProject_PostgresIncremental_BindsEveryKey()
    {
        var result = ManifestLoaderTests.Parse(Postgres + "table = \"public.orders\"\nmode = \"incremental\"\ncursor_column = \"updated_at\"\nbatch_rows = 20000\nlag_seconds = 5\n");

        Assert.True(result.Succeeded, string.Join(" | ", result.Diagnostics));
        var source = Assert.IsType<PostgresSourceManifest>(result.Value!.Pipelines[0].Source);
        Assert.Equal(new PostgresSourceManifest("ORDERS_DATABASE_URL", "public.orders", null, PostgresReadMode.Incremental, "updated_at", 20_000, 5, null, null), source);
    }

    [Fact]
    public void ParseProject_PostgresDefaults_SnapshotOf50kBatches()
    {
        var result = ManifestLoaderTests.Parse(Postgres + "table = \"orders\"\n");

        var source = Assert.IsType<PostgresSourceManifest>(result.Value!.Pipelines[0].Source);
        Assert.Equal((PostgresReadMode.Snapshot, 50_000, 0), (source.Mode, source.BatchRows, source.LagSeconds));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ParseProject_PostgresCdcKeysInSnapshotMode_Warn()
    {
        var result = ManifestLoaderTests.Parse(Postgres + "table = \"orders\"\nslot = \"s\"\ncursor_column = \"u\"\n");

        Assert.True(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.ToString().Contains("slot is only read in mode = \"cdc\"", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.ToString().Contains("cursor_column is only read in mode = \"incremental\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ParseProject_DeploySecretsAndVpc_AreBound()
    {
        var result = ManifestLoaderTests.Parse(Postgres + "table = \"orders\"\n[deploy.aws]\nsecrets = { ORDERS_DATABASE_URL = \"ssm:/hakiri/prod/orders-dsn\", API = \"secretsmanager:prod/api\" }\n"
            + "[deploy.aws.vpc]\nsubnet_ids = [\"subnet-0a1b2c3d\", \"subnet-4e5f6a7b\"]\nsecurity_group_ids = [\"sg-0a1b2c3d\"]\n");

        Assert.True(result.Succeeded, string.Join(" | ", result.Diagnostics));
        var aws = result.Value!.Aws;
        Assert.Equal(new SecretReference(SecretStore.Ssm, "/hakiri/prod/orders-dsn"), aws.Secrets["ORDERS_DATABASE_URL"]);
        Assert.Equal("secretsmanager:prod/api", aws.Secrets["API"].ToString());
        Assert.Equal(new AwsVpc(["subnet-0a1b2c3d", "subnet-4e5f6a7b"], ["sg-0a1b2c3d"]), aws.Vpc);
    }
}
