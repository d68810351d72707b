using Amazon.S3.Model;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Steps;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;
using Hakiri.Store.Catalog;
using Hakiri.Testing;

namespace Hakiri.Store.S3.Tests;

/// <summary>The steps on an s3 source when the bucket changes under a run (moto_server).</summary>
[Collection("moto")]
public sealed class S3SourceStepTests(MotoFixture moto)
{
    [Fact]
    public async Task PullBatch_ObjectDeletedAfterDiscover_IsTransientAndTheRerunListsAgain()
    {
        var bucket = await moto.NewBucketAsync();
        await PutAsync(bucket, "in/a.csv", "id\n1\n");
        await PutAsync(bucket, "in/b.csv", "id\n2\n");
        using var dir = new TempDirectory();
        var context = Context(dir, bucket);

        await DiscoverStep.RunAsync(context, new DiscoverInput("r1", []));
        await moto.Client.DeleteObjectAsync(bucket, "in/a.csv");
        var error = await Assert.ThrowsAsync<StepFailedException>(() => PullBatchStep.RunAsync(context, new PullBatchInput("r1", "t", "t", null)));
        var rerun = await RunAsync(context);

        Assert.Equal(StepErrors.Transient, error.ErrorName);
        Assert.Equal($"s3://{bucket}/in/a.csv: the object disappeared after discovery; re-run to pick up the current listing.", error.Message);
        Assert.Equal(1, rerun.Tables.Single().RowsAdded);
        Assert.Equal([$"s3://{bucket}/in/b.csv"], SourceFiles(dir));
        var downloads = dir.Combine(".hakiri", "tmp", "objects");
        Assert.Empty(Directory.Exists(downloads) ? Directory.GetFiles(downloads, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task PullBatch_ObjectRewrittenAfterDiscover_LandsNowAndAgainNextRun()
    {
        var bucket = await moto.NewBucketAsync();
        await PutAsync(bucket, "in/a.csv", "id\n1\n");
        using var dir = new TempDirectory();
        var lines = new List<string>();
        var context = Context(dir, bucket, lines.Add);

        await DiscoverStep.RunAsync(context, new DiscoverInput("r1", []));
        await PutAsync(bucket, "in/a.csv", "id\n1\n2\n");
        var pulled = await PullBatchStep.RunAsync(context, new PullBatchInput("r1", "t", "t", null));
        await WriteStep.RunAsync(context, new TableStepInput("r1", "t", "t"));
        var next = await RunAsync(context);

        Assert.Equal(2, pulled.Rows);
        Assert.Contains($"s3://{bucket}/in/a.csv changed after discovery; the next run lands it again", lines);
        Assert.Equal(2, next.Tables.Single().RowsAdded);
        Assert.Equal(2, next.Tables.Single().RowsReplaced);
    }

    private StepContext Context(TempDirectory dir, string bucket, Action<string>? log = null)
    {
        var path = dir.Write("hakiri.toml", $"""
            [project]
            name = "p"
            [pipelines.t.source]
            connector = "s3"
            bucket = "{bucket}"
            prefix = "in/"
            format = "csv"
            """);
        var manifest = Manifest.ManifestLoader.LoadProject(path).Value!;
        var services = ConnectorServices.CreateDefault(log, source => new S3ObjectSource(moto.Client, source.Bucket));
        return new StepContext(manifest, new StoreLayout(dir.Combine(".hakiri")), connectors: _ => services);
    }

    private static Task<RunSummary> RunAsync(StepContext context) =>
        new PipelineRunner(context.Manifest, new InProcessStepHost(context), new LocalRunLedger(context.Layout, context.Clock)).RunAsync([]);

    private static string[] SourceFiles(TempDirectory dir)
    {
        using var catalog = CatalogDatabase.Open(new StoreLayout(dir.Combine(".hakiri")));
        return catalog.GetSourceFiles("t").Keys.Order(StringComparer.Ordinal).ToArray();
    }

    private Task<PutObjectResponse> PutAsync(string bucket, string key, string body) =>
        moto.Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = body });
}
