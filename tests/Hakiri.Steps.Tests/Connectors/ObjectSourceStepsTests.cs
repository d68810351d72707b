using System.Text;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Objects;
using Hakiri.Runner;

namespace Hakiri.Steps.Tests.Connectors;

/// <summary>An <c>s3</c> pipeline through the real steps over the in-memory bucket twin.</summary>
public sealed class ObjectSourceStepsTests
{
    private const string Manifest = """
        [project]
        name = "p"
        [pipelines.events.source]
        connector = "s3"
        bucket = "acme"
        glob = "in/**/*.ndjson"
        """;

    [Fact]
    public async Task Run_ObjectsChangeBetweenRuns_OnlyNewAndRewrittenObjectsLand()
    {
        using var project = new TestProject(Manifest);
        var bucket = new InMemoryObjectSource();
        bucket.Put("in/a.ndjson", Encoding.UTF8.GetBytes("{\"id\":1}\n{\"id\":2}\n"));
        bucket.Put("in/2026/b.ndjson", Encoding.UTF8.GetBytes("{\"id\":3}\n"));
        bucket.Put("in/skip.csv", Encoding.UTF8.GetBytes("id\n9\n"));

        var first = await RunAsync(project, bucket);
        var again = await RunAsync(project, bucket);
        bucket.Put("in/a.ndjson", Encoding.UTF8.GetBytes("{\"id\":1}\n"));
        bucket.Put("in/c.ndjson", Encoding.UTF8.GetBytes("{\"id\":4}\n"));
        var third = await RunAsync(project, bucket);

        Assert.Equal((2, 3L), (first.Tables.Single().FilesRead, first.Tables.Single().RowsAdded));
        Assert.Equal((0, 0L), (again.Tables.Single().FilesRead, again.Tables.Single().RowsAdded));
        Assert.Equal((2, 2L, 2L), (third.Tables.Single().FilesRead, third.Tables.Single().RowsAdded, third.Tables.Single().RowsReplaced));
        Assert.Equal(
            [[1L, "s3://acme/in/a.ndjson"], [3L, "s3://acme/in/2026/b.ndjson"], [4L, "s3://acme/in/c.ndjson"]],
            project.Query("SELECT id, _hakiri_source FROM events ORDER BY id"));
    }

    [Fact]
    public async Task Run_HostWithoutObjectSources_FailsWithASentence()
    {
        using var project = new TestProject(Manifest);

        var error = await Assert.ThrowsAsync<Errors.StepFailedException>(() => project.RunAsync());

        Assert.Equal("discover failed: pipeline 'events' reads s3://acme/in/, but this host has no S3 client; run it with the hakiri CLI or the AWS Lambda bootstrap.", error.Message);
    }

    private static Task<RunSummary> RunAsync(TestProject project, InMemoryObjectSource bucket)
    {
        var services = ConnectorServices.CreateDefault(objects: _ => bucket);
        return PipelineRunner.Local(new StepContext(project.Manifest(), project.Layout, options: project.Options, connectors: _ => services)).RunAsync([]);
    }
}
