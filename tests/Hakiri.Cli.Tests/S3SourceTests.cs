using Amazon.S3;
using Amazon.S3.Model;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary><c>connector = "s3"</c> sources through the hakiri CLI, reading buckets on moto_server (127.0.0.1).</summary>
public sealed class S3SourceTests : IDisposable
{
    private readonly MotoServer _moto = new();
    private readonly IAmazonS3 _client;

    public S3SourceTests() =>
        _client = Hakiri.Store.S3.S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));

    public void Dispose()
    {
        _client.Dispose();
        _moto.Dispose();
    }

    [Fact]
    public async Task Run_CsvNdjsonAndParquetObjects_LandOnceThenOnlyWhatChanged()
    {
        var bucket = await NewBucketAsync();
        using var dir = new TempDirectory();
        await PutAsync(bucket, "orders/2026-01.csv", "order_id,amount,note\n1,10.5,first\n2,20,Zoë\n3,30,\n");
        await PutAsync(bucket, "orders/2026-02.csv", "order_id,amount,note\n4,40,\n");
        await PutAsync(bucket, "events/2026/01/a.ndjson", "{\"id\":1,\"tags\":[\"x\"],\"user\":{\"name\":\"Ana\"}}\n{\"id\":2,\"tags\":[],\"user\":null}\n");
        await PutAsync(bucket, "events/2026/01/notes.txt", "not data\n");
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "events/2026/01/c.ndjson.gz", InputStream = Gzip("{\"id\":5,\"tags\":[\"gz\"],\"user\":{\"name\":\"Zoë\"}}\n") });
        await PutAsync(bucket, "events/2025/old.ndjson", "{\"id\":99}\n");
        var parquet = dir.Combine("items.parquet");
        await PlainReaders.DuckDbAsync($"COPY (SELECT range AS item_id, 'item ' || range AS name FROM range(1000)) TO '{parquet}' (FORMAT parquet)");
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "items/items.parquet", FilePath = parquet, UseChunkEncoding = false });
        const string eventsGlob = "events/2026/**/*.{ndjson,ndjson.gz}";
        var manifest = dir.Write("hakiri.toml", $"""
            [project]
            name = "buckets"

            [pipelines.orders.source]
            connector = "s3"
            bucket = "{bucket}"
            prefix = "orders/"
            format = "csv"
            endpoint_url = "{_moto.Endpoint}"

            [pipelines.events.source]
            connector = "s3"
            bucket = "{bucket}"
            glob = "{eventsGlob}"
            format = "ndjson"

            [pipelines.items]
            primary_key = ["item_id"]

            [pipelines.items.source]
            connector = "s3"
            bucket = "{bucket}"
            glob = "items/*.parquet"
            region = "us-east-1"
            """);

        var first = await HakiriAsync("run", "-m", manifest, "--json");
        var again = await HakiriAsync("run", "-m", manifest, "--json");
        await PutAsync(bucket, "orders/2026-01.csv", "order_id,amount,note\n1,11,fixed\n2,20,Zoë\n");
        await PutAsync(bucket, "events/2026/02/b.ndjson", "{\"id\":3,\"tags\":[\"y\",\"z\"],\"user\":{\"name\":\"Bo\"}}\n");
        await _client.DeleteObjectAsync(bucket, "orders/2026-02.csv");
        var third = await HakiriAsync("run", "-m", manifest, "--json");
        var query = await HakiriAsync("query", "-m", manifest, "-f", "csv",
            "SELECT (SELECT count(*) FROM orders) AS orders, (SELECT sum(amount) FROM orders) AS amount, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM items) AS items");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("\"rows_added\": 4", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rows_added\": 3", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rows_added\": 1000", first.Stdout, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("\"files_read\": 1", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, again.Stdout.Split("\"rows_added\": 0").Length - 1);
        Assert.True(third.ExitCode == 0, third.ToString());
        // The rewritten object replaces its rows; the deleted one keeps them, as a deleted file does.
        Assert.Equal("orders,amount,events,items\n3,71,4,1000\n", query.Stdout);
        var plain = await PlainReaders.DuckDbAsync(
            $"SELECT order_id, note, _hakiri_source, _hakiri_record FROM '{dir.Combine(".hakiri", "data", "orders")}/**/*.parquet' ORDER BY order_id");
        Assert.Equal([$"1|fixed|s3://{bucket}/orders/2026-01.csv|1", $"2|Zoë|s3://{bucket}/orders/2026-01.csv|2", $"4||s3://{bucket}/orders/2026-02.csv|1"],
            plain.Select(r => $"{r.GetProperty("order_id")}|{r.GetProperty("note")}|{r.GetProperty("_hakiri_source")}|{r.GetProperty("_hakiri_record")}"));
        var landed = await PlainReaders.Sqlite3Async(dir.Combine(".hakiri", "catalog.sqlite"), "SELECT path FROM source_files WHERE table_name = 'events' ORDER BY path");
        Assert.Equal([$"s3://{bucket}/events/2026/01/a.ndjson", $"s3://{bucket}/events/2026/01/c.ndjson.gz", $"s3://{bucket}/events/2026/02/b.ndjson"], landed);
    }

    [Fact]
    public async Task Run_BadObjectsAndBuckets_FailWithSentences()
    {
        var bucket = await NewBucketAsync();
        await PutAsync(bucket, "bad/x.ndjson", "{\"id\":1}\n{\"id\":2,\n{\"id\":3}\n");
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(bucket, "bad/"));
        var missing = dir.Write("missing.toml", Manifest("no-such-bucket-here", "bad/"));

        var malformed = await HakiriAsync("run", "-m", manifest);
        var noBucket = await HakiriAsync("run", "-m", missing);
        var noCredentials = await ExternalRunAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = _moto.Endpoint,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = string.Empty,
            ["AWS_SECRET_ACCESS_KEY"] = string.Empty,
            ["AWS_SESSION_TOKEN"] = string.Empty,
            ["AWS_PROFILE"] = string.Empty,
            ["AWS_SHARED_CREDENTIALS_FILE"] = dir.Combine("no-credentials"),
            ["AWS_CONFIG_FILE"] = dir.Combine("no-config"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = string.Empty,
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = string.Empty,
        }, "run", "-m", manifest);

        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains($"error: pull-batch failed for table events: s3://{bucket}/bad/x.ndjson:", malformed.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid NDJSON", malformed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp/objects/", malformed.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, noBucket.ExitCode);
        Assert.Contains($"error: discover failed: pipeline 'events': s3://no-such-bucket-here: no such bucket at {_moto.Endpoint} (NoSuchBucket)", noBucket.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, noCredentials.ExitCode);
        Assert.Contains($"s3://{bucket}/bad/: no AWS credentials found; set AWS_ACCESS_KEY_ID", noCredentials.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OnErrorSkip_LandsTheGoodRowsAndCountsTheBadOnes()
    {
        var bucket = await NewBucketAsync();
        await PutAsync(bucket, "bad/x.ndjson", "{\"id\":1}\n{\"id\":2,\n{\"id\":3}\n");
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(bucket, "bad/") + "on_error = \"skip\"\n");

        var run = await HakiriAsync("run", "-m", manifest, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"rows_added\": 2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rows_skipped\": 1", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ViaLambdaBootstrap_S3SourceIntoAnS3Store()
    {
        var bucket = await NewBucketAsync();
        await PutAsync(bucket, "in/a.ndjson", "{\"id\":1,\"name\":\"Zoë\"}\n{\"id\":2,\"name\":\"b\"}\n");
        await PutAsync(bucket, "in/b.ndjson", "{\"id\":3,\"name\":\"c\"}\n");
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(bucket, "in/").Replace("[project]\n", $"[project]\nstore = \"s3://{bucket}/store\"\n", StringComparison.Ordinal));
        var bootstrap = LambdaBootstrapBinary.Path();

        var first = await HakiriAsync("run", "-m", manifest, "--via", "lambda", "--bootstrap", bootstrap, "--json");
        await PutAsync(bucket, "in/c.ndjson", "{\"id\":4,\"name\":\"d\"}\n");
        var second = await HakiriAsync("run", "-m", manifest, "--via", "lambda", "--bootstrap", bootstrap, "--json");
        var query = await HakiriAsync("query", "-m", manifest, "-f", "csv", "SELECT count(*) AS n, string_agg(DISTINCT _hakiri_source, ' ' ORDER BY _hakiri_source) AS sources FROM events");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("\"rows_added\": 3", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("\"files_read\": 1", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rows_added\": 1", second.Stdout, StringComparison.Ordinal);
        Assert.Equal($"n,sources\n4,s3://{bucket}/in/a.ndjson s3://{bucket}/in/b.ndjson s3://{bucket}/in/c.ndjson\n", query.Stdout);
        var keys = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "store/" });
        Assert.Contains(keys.S3Objects, o => o.Key == "store/catalog.sqlite");
        Assert.DoesNotContain(keys.S3Objects, o => o.Key.Contains("/tmp/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_BadS3Source_ExitsTwoAtTheKey()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("hakiri.toml", "[project]\nname = \"p\"\n[pipelines.e.source]\nconnector = \"s3\"\nbucket = \"s3://acme\"\nprefix = \"a/\"\nglob = \"a/*.csv\"\n");

        var result = await CliRunner.RunAsync("validate", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}:5:10: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{path}:7:8: error: [pipelines.e.source] sets both prefix and glob", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorTest_S3Pipeline_ExitsTwoPointingToRun()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("hakiri.toml", Manifest("acme", "in/"));

        var result = await CliRunner.RunAsync("connector", "test", "events", "-m", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pipeline 'events' reads objects of s3://acme/in/; cassettes replay HTTP connectors", result.Stderr, StringComparison.Ordinal);
    }

    private static string Manifest(string bucket, string prefix) => $"""
        [project]
        name = "events"

        [pipelines.events.source]
        connector = "s3"
        bucket = "{bucket}"
        prefix = "{prefix}"
        format = "ndjson"

        """;

    private Task<ProcessResult> HakiriAsync(params string[] args) => HakiriProcess.RunWithEnvironmentAsync(_moto.Environment, args);

    private static Task<ProcessResult> ExternalRunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        HakiriProcess.RunWithEnvironmentAsync(environment, args);

    private static MemoryStream Gzip(string text)
    {
        var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        buffer.Position = 0;
        return buffer;
    }

    private Task<PutObjectResponse> PutAsync(string bucket, string key, string body) =>
        _client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body });

    private async Task<string> NewBucketAsync()
    {
        var name = "hakiri-" + Guid.NewGuid().ToString("N")[..16];
        await _client.PutBucketAsync(name);
        return name;
    }
}
