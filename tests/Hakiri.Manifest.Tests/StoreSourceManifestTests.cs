using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests;

/// <summary>The postgres and s3 sources and the [deploy.aws] secrets and vpc: what binds, and a located sentence for each mistake.</summary>
public sealed class StoreSourceManifestTests
{
    private const string Project = "[project]\nname = \"p\"\n";
    private const string Postgres = Project + "[pipelines.orders.source]\nconnector = \"postgres\"\ndsn_env = \"ORDERS_DATABASE_URL\"\n";
    private const string S3 = Project + "[pipelines.events.source]\nconnector = \"s3\"\nbucket = \"acme-exports\"\n";

    public static TheoryData<string, string, int, int, string> Errors => new()
    {
        { "neither table nor query", Postgres, 3, 1, "names neither a table nor a query to read — add table = \"public.orders\"" },
        { "table and query", Postgres + "table = \"orders\"\nquery = \"SELECT 1\"\n", 7, 9, "sets both table and query" },
        { "query not a select", Postgres + "query = \"DELETE FROM orders\"\n", 6, 9, "query must be one read-only SELECT" },
        { "two statements", Postgres + "query = \"SELECT 1; DROP TABLE orders\"\n", 6, 18, "query holds more than one statement" },
        { "incremental without cursor", Postgres + "table = \"orders\"\nmode = \"incremental\"\n", 7, 8, "needs the column that increases when a row changes — add cursor_column = \"updated_at\"" },
        { "cdc over a query", "[project]\nname = \"p\"\n[pipelines.orders]\nprimary_key = [\"id\"]\n[pipelines.orders.source]\nconnector = \"postgres\"\ndsn_env = \"D\"\nquery = \"SELECT 1 AS id\"\nmode = \"cdc\"\n", 8, 9, "mode = \"cdc\" reads a table's change stream and cannot read a query" },
        { "query without primary key", Postgres + "query = \"SELECT id FROM orders\"\n", 6, 1, "reads a query but has no primary_key" },
        { "bad mode", Postgres + "table = \"orders\"\nmode = \"full\"\n", 7, 8, "'mode' in [pipelines.orders.source] must be one of snapshot, incremental, cdc" },
        { "dsn in the manifest", Postgres.Replace("ORDERS_DATABASE_URL", "postgresql://u:p@h/db", StringComparison.Ordinal) + "table = \"orders\"\n", 5, 11, "the secret itself stays in the environment" },
        { "quoted table", Postgres + "table = \"public.\\\"Orders\\\"\"\n", 6, 9, "write schema.table or table with unquoted identifiers" },
        { "batch_rows too small", Postgres + "table = \"orders\"\nbatch_rows = 10\n", 7, 14, "must be between 100 and 1000000" },
        { "no bucket", Project + "[pipelines.events.source]\nconnector = \"s3\"\nformat = \"csv\"\n", 3, 1, "has no 'bucket'" },
        { "bucket as URL", Project + "[pipelines.events.source]\nconnector = \"s3\"\nbucket = \"s3://acme\"\nformat = \"csv\"\n", 5, 10, "not an s3:// URL" },
        { "prefix and glob", S3 + "prefix = \"a/\"\nglob = \"a/*.csv\"\n", 7, 8, "sets both prefix and glob" },
        { "pattern in prefix", S3 + "prefix = \"events/*.csv\"\nformat = \"csv\"\n", 6, 10, "a prefix is literal; write a pattern as glob" },
        { "bad glob", S3 + "glob = \"events/[a.csv\"\n", 6, 16, "is not a valid glob" },
        { "no format", S3 + "prefix = \"events/\"\n", 6, 10, "does not say the objects' format — add format = \"ndjson\"" },
        { "prefix with slash", S3 + "prefix = \"/events/\"\nformat = \"csv\"\n", 6, 10, "starts with /, which no S3 key does — write prefix = \"events/\"" },
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

    [Theory]
    [InlineData("glob = \"events/2026/**/*.ndjson\"\n", "events/2026/", "events/2026/**/*.ndjson", FileFormat.Ndjson)]
    [InlineData("prefix = \"exports/\"\nformat = \"parquet\"\n", "exports/", null, FileFormat.Parquet)]
    [InlineData("glob = \"*.csv\"\n", "", "*.csv", FileFormat.Csv)]
    public void ParseProject_S3Source_BindsPrefixGlobAndFormat(string keys, string prefix, string? glob, FileFormat format)
    {
        var result = ManifestLoaderTests.Parse(S3 + keys + "region = \"eu-west-1\"\n");

        Assert.True(result.Succeeded, string.Join(" | ", result.Diagnostics));
        var source = Assert.IsType<S3SourceManifest>(result.Value!.Pipelines[0].Source);
        Assert.Equal(new S3SourceManifest("acme-exports", prefix, glob, format, "eu-west-1", null), source);
        Assert.Equal($"s3://acme-exports/{prefix}", source.Url);
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
