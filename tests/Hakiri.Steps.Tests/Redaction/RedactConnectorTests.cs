using System.Security.Cryptography;
using System.Text;
using Hakiri.Model.Steps;
using Hakiri.Steps.Tests.Connectors;

namespace Hakiri.Steps.Tests.Redaction;

/// <summary>
/// A connector pipeline's batches are redacted as pull-batch stages them (an object store uploads staging too), and
/// every value is hashed exactly once: across pages and batches, a retried pull-batch and change rows alike.
/// </summary>
public sealed class RedactConnectorTests
{
    private const string Salt = "salt-for-connector-tests";
    private const string Sentinel = "sentinel-91c4@example.com";
    private const string Run = "20261202T010000Z-abcdef";

    private static string Manifest(string baseUrl, string redact) => $$"""
        [project]
        name = "api"
        [pipelines.items]
        primary_key = ["id"]
        redact = {{redact}}
        [pipelines.items.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/items"
        pagination = { kind = "link" }
        """;

    private static TestProject Project(PagesApi api, string redact, int batchRows = 100_000) =>
        new(Manifest(api.BaseUrl, redact))
        {
            Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = Salt },
            Options = new StepOptions { DuckDbThreads = 2, ConnectorBatchRows = batchRows },
        };

    private static string Hmac(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Salt), Encoding.UTF8.GetBytes(value)));

    [Theory]
    [InlineData("[\"email\"]")]
    [InlineData("{ columns = [\"email\"], mode = \"hash\" }")]
    public async Task PullBatch_RedactingHttpPipeline_NoStoreFileHoldsTheValueBeforeWrite(string redact)
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", $$"""[{"id": 1, "email": "{{Sentinel}}", "name": "Ann"}, {"id": 2, "email": null, "name": "Bob"}]""", next: "/items?page=2");
        api.Page("/items?page=2", $$"""[{"id": 3, "email": "{{Sentinel}}", "name": "Cy"}]""");
        using var project = Project(api, redact);
        var context = project.Context();
        await DiscoverStep.RunAsync(context, new DiscoverInput(Run, ["items"]));

        var pulled = await PullBatchStep.RunAsync(context, new PullBatchInput(Run, "items", "items", null));

        Assert.Equal(3, pulled.Rows);
        Assert.False(pulled.HasMore);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(project.Layout.Root, "staging"), "*.parquet", SearchOption.AllDirectories));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        await WriteStep.RunAsync(context, new TableStepInput(Run, "items", "items"));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        Assert.Equal(["Ann", "Bob", "Cy"], project.Query("SELECT name FROM items ORDER BY id").Select(r => r[0]));
        if (redact.Contains("hash", StringComparison.Ordinal))
        {
            Assert.Equal([Hmac(Sentinel), null, Hmac(Sentinel)], project.Query("SELECT email FROM items ORDER BY id").Select(r => r[0]));
        }
        else
        {
            Assert.DoesNotContain("email", StoreBytes.Columns(project.Layout));
        }
    }

    [Fact]
    public async Task Run_HashAcrossBatchesWithARetriedPullBatch_EachValueHashedOnce()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", $$"""[{"id": 1, "email": "{{Sentinel}}"}]""", next: "/items?page=2");
        api.Page("/items?page=2", """[{"id": 2, "email": "b@example.com"}]""");
        using var project = Project(api, "{ columns = [\"email\"], mode = \"hash\" }", batchRows: 1);
        var context = project.Context();
        await DiscoverStep.RunAsync(context, new DiscoverInput(Run, ["items"]));

        var first = await PullBatchStep.RunAsync(context, new PullBatchInput(Run, "items", "items", null));
        var retried = await PullBatchStep.RunAsync(context, new PullBatchInput(Run, "items", "items", null));
        var second = await PullBatchStep.RunAsync(context, new PullBatchInput(Run, "items", "items", retried.NextCursor));
        await PullBatchStep.RunAsync(context, new PullBatchInput(Run, "items", "items", retried.NextCursor));
        await WriteStep.RunAsync(context, new TableStepInput(Run, "items", "items"));

        Assert.Equal((1, 1, 1), (first.Rows, retried.Rows, second.Rows));
        Assert.False(second.HasMore);
        Assert.Equal([Hmac(Sentinel), Hmac("b@example.com")], project.Query("SELECT email FROM items ORDER BY id").Select(r => r[0]));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
    }

    [Fact]
    public async Task Run_HashedChangeRows_UpsertsHashedOnceAndDeletesApply()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": 1, "email": "a@example.com"}, {"id": 2, "email": "b@example.com"}, {"id": 3, "email": "c@example.com"}]""");
        using var project = Project(api, "{ columns = [\"email\"], mode = \"hash\" }", batchRows: 1);
        await project.RunAsync();
        api.Page("/items", $$"""[{"id": 1, "email": "{{Sentinel}}", "_hakiri_op": "u"}, {"id": 2, "_hakiri_op": "d"}]""", next: "/items?page=2");
        api.Page("/items?page=2", $$"""[{"id": 4, "email": "{{Sentinel}}", "_hakiri_op": "u"}]""");

        await project.RunAsync();

        var rows = project.Query("SELECT id, email FROM items ORDER BY id");
        Assert.Equal([[1L, Hmac(Sentinel)], [3L, Hmac("c@example.com")], [4L, Hmac(Sentinel)]], rows.Select(r => new[] { r[0], r[1] }));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
    }

    [Fact]
    public async Task Run_HashedPrimaryKeyWithChangeRows_DeletesAndUpdatesMatchTheStoredHashes()
    {
        await using var api = await PagesApi.StartAsync();
        api.Page("/items", """[{"id": "key-5e1d", "v": "a"}, {"id": "key-77a0", "v": "b"}]""");
        using var project = Project(api, "{ columns = [\"id\"], mode = \"hash\" }", batchRows: 1);
        await project.RunAsync();
        api.Page("/items", """[{"id": "key-5e1d", "v": "a2", "_hakiri_op": "u"}, {"id": "key-77a0", "_hakiri_op": "d"}]""");

        await project.RunAsync();

        var rows = project.Query("SELECT id, v FROM items");
        Assert.Equal([[Hmac("key-5e1d"), "a2"]], rows.Select(r => new[] { r[0], r[1] }));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, "key-5e1d"));
    }
}
