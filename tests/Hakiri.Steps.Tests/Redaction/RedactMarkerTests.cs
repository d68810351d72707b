using System.Security.Cryptography;
using System.Text;
using Hakiri.DuckDb;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Tests.Connectors;

namespace Hakiri.Steps.Tests.Redaction;

/// <summary>
/// The write step reads the redaction each staged batch was written under: it refuses a batch staged under another
/// salt, and hashes once a connector batch staged unredacted (by a version before batches were redacted when staged).
/// </summary>
public sealed class RedactMarkerTests
{
    private const string Sentinel = "sentinel-3b77@example.com";
    private const string Run = "20261202T020000Z-abcdef";

    private static string Manifest(string baseUrl) => $$"""
        [project]
        name = "api"
        [pipelines.items]
        primary_key = ["id"]
        redact = { columns = ["email"], mode = "hash" }
        [pipelines.items.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/items"
        """;

    private static Dictionary<string, string> Salted(string salt) => new() { ["HAKIRI_REDACTION_SALT"] = salt };

    private static async Task<TestProject> PulledAsync(PagesApi api, string salt)
    {
        api.Page("/items", $$"""[{"id": 1, "email": "{{Sentinel}}"}, {"id": 2, "email": "b@example.com"}]""");
        var project = new TestProject(Manifest(api.BaseUrl)) { Environment = Salted(salt) };
        var context = project.Context();
        await DiscoverStep.RunAsync(context, new DiscoverInput(Run, ["items"]));
        await PullBatchStep.RunAsync(context, new PullBatchInput(Run, "items", "items", null));
        return project;
    }

    [Fact]
    public async Task Write_SaltChangedAfterPullBatch_RefusesAndWritesNothing()
    {
        await using var api = await PagesApi.StartAsync();
        using var project = await PulledAsync(api, "salt-one");
        project.Environment = Salted("salt-two");

        var failure = await Assert.ThrowsAsync<StepFailedException>(() => WriteStep.RunAsync(project.Context(), new TableStepInput(Run, "items", "items")));

        Assert.Equal(StepErrors.Permanent, failure.ErrorName);
        Assert.Contains("batch-000000-000.parquet", failure.Message, StringComparison.Ordinal);
        Assert.Contains("run the pipeline again", failure.Message, StringComparison.Ordinal);
        Assert.Empty(project.DataFiles("items"));
        using var catalog = project.Catalog();
        Assert.Null(catalog.GetTable("items"));
    }

    [Fact]
    public async Task Write_RedactionRemovedAfterPullBatch_RefusesRatherThanRecordNoRedactionOverHashes()
    {
        await using var api = await PagesApi.StartAsync();
        using var project = await PulledAsync(api, "salt-one");
        project.Write("hakiri.toml", Manifest(api.BaseUrl).Replace("redact = { columns = [\"email\"], mode = \"hash\" }\n", "", StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<StepFailedException>(() => WriteStep.RunAsync(project.Context(), new TableStepInput(Run, "items", "items")));

        Assert.Contains("(no redaction)", failure.Message, StringComparison.Ordinal);
        Assert.Empty(project.DataFiles("items"));
    }

    [Fact]
    public async Task Write_UnmarkedConnectorBatchHoldingRawValues_HashesThemOnce()
    {
        const string salt = "salt-one";
        await using var api = await PagesApi.StartAsync();
        using var project = await PulledAsync(api, salt);
        var part = Directory.GetFiles(Path.Combine(project.Layout.Root, "staging"), "batch-000000-000.parquet", SearchOption.AllDirectories).Single();
        using (var database = DuckDbDatabase.Open())
        using (var connection = database.Connect())
        {
            // What a pull-batch staged before batches were redacted: the raw values, no marker.
            connection.Execute($"""
                COPY (SELECT * REPLACE (CASE id WHEN 1 THEN '{Sentinel}' ELSE 'b@example.com' END AS email) FROM read_parquet('{part}'))
                TO '{part}.raw' (FORMAT parquet)
                """);
        }

        File.Move(part + ".raw", part, overwrite: true);

        await WriteStep.RunAsync(project.Context(), new TableStepInput(Run, "items", "items"));

        var expected = new[] { Sentinel, "b@example.com" }
            .Select(v => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(v))));
        Assert.Equal(expected, project.Query("SELECT email FROM items ORDER BY id").Select(r => r[0]));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
    }
}
