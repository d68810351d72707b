using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>The hakiri CLI against a store in S3 (moto_server on 127.0.0.1).</summary>
public sealed class S3StoreTests : IDisposable
{
    private readonly MotoServer _moto = new();

    public void Dispose() => _moto.Dispose();

    [Fact]
    public async Task Cli_RunAndQuery_AgainstS3Store()
    {
        var bucket = await NewBucketAsync();
        using var project = Samples.CopyQuickstart();
        var manifest = project.Combine("hakiri.toml");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("[project]\n", $"[project]\nstore = \"s3://{bucket}/q\"\n", StringComparison.Ordinal));

        var run = await HakiriProcess.RunWithEnvironmentAsync(_moto.Environment, "run", "-m", manifest);
        var query = await HakiriProcess.RunWithEnvironmentAsync(_moto.Environment, "query", "-m", manifest, "-f", "csv", "SELECT count(*) AS n FROM orders");
        var again = await HakiriProcess.RunWithEnvironmentAsync(_moto.Environment, "run", "-m", manifest, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Equal("n\n9\n", query.Stdout);
        Assert.Contains("\"rows_added\": 0", again.Stdout, StringComparison.Ordinal);
        using var client = Hakiri.Store.S3.S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
        var keys = await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket, Prefix = "q/" });
        Assert.Contains(keys.S3Objects, o => o.Key == "q/catalog.sqlite");
        Assert.Contains(keys.S3Objects, o => o.Key.StartsWith("q/data/orders/", StringComparison.Ordinal) && o.Key.EndsWith(".parquet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cli_HttpPipelineInSmallBatches_AgainstS3Store_HandsTheCursorOnThroughTheBucket()
    {
        await using var api = await Hakiri.Testing.Http.TicketsApi.StartAsync(420);
        api.Token = Connectors.HttpPipelineTests.Token;
        var bucket = await NewBucketAsync();
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Connectors.HttpPipelineTests.Manifest(api.BaseUrl, perPage: 50)
            .Replace("[project]\n", $"[project]\nstore = \"s3://{bucket}/api\"\n", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>(_moto.Environment, StringComparer.Ordinal)
        {
            ["TICKETS_TOKEN"] = Connectors.HttpPipelineTests.Token,
            ["HAKIRI_CONNECTOR_BATCH_ROWS"] = "100",
        };

        var first = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest, "--json");
        var afterFirst = api.Requests;
        api.Add(7);
        var second = await HakiriProcess.RunWithEnvironmentAsync(environment, "run", "-m", manifest, "--json");
        var query = await HakiriProcess.RunWithEnvironmentAsync(environment, "query", "-m", manifest, "-f", "csv", "SELECT count(*) AS n, count(DISTINCT id) AS k FROM tickets");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("\"files_read\": 5", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(9, afterFirst);
        Assert.Equal(1, api.Requests - afterFirst);
        Assert.Equal("n,k\n427,427\n", query.Stdout);
    }

    private async Task<string> NewBucketAsync()
    {
        using var client = Hakiri.Store.S3.S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
        var name = "hakiri-" + Guid.NewGuid().ToString("N")[..16];
        await client.PutBucketAsync(name);
        return name;
    }
}
