using Hakiri.Model.Steps;

namespace Hakiri.Steps.Tests.Redaction;

/// <summary>A file source's staged batch (which an object store mirrors to the bucket) is redacted already.</summary>
public sealed class RedactStagingTests
{
    private const string Sentinel = "sentinel-0d5c@example.com";

    [Theory]
    [InlineData("[\"email\"]")]
    [InlineData("{ columns = [\"email\"], mode = \"hash\" }")]
    public async Task PullBatch_RedactingPipeline_StagedBatchHoldsNoValue(string redact)
    {
        using var project = new TestProject($"[project]\nname = \"p\"\n[pipelines.c]\nredact = {redact}\n[pipelines.c.source]\nconnector = \"file\"\npath = \"in/*.csv\"\n")
        {
            Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = "s" },
        };
        project.Write("in/1.csv", $"id,email\n1,{Sentinel}\n");
        var context = project.Context();
        const string run = "20261202T000000Z-eeeeee";

        await DiscoverStep.RunAsync(context, new DiscoverInput(run, ["c"]));
        var pulled = await PullBatchStep.RunAsync(context, new PullBatchInput(run, "c", "c", null));

        Assert.Equal(1, pulled.Rows);
        var staged = Directory.GetFiles(Path.Combine(project.Layout.Root, "staging"), "*.parquet", SearchOption.AllDirectories);
        Assert.Single(staged);
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
    }
}
