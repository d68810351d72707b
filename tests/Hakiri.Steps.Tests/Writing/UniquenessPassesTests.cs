namespace Hakiri.Steps.Tests.Writing;

// The write step checks that a load's primary keys are unique in hash partitions once it holds more rows than
// StepOptions.KeysPerUniquenessPass (the keys written once into a file per partition, each counted on its own); a
// duplicate or NULL key must be found in whichever partition it falls.
public sealed class UniquenessPassesTests
{
    private const string Manifest = """
        [project]
        name = "p"
        [pipelines.events]
        primary_key = ["id", "kind"]
        [pipelines.events.source]
        connector = "file"
        path = "in/*.ndjson"
        """;

    [Theory]
    [InlineData("unique")]
    [InlineData("duplicate")]
    [InlineData("null")]
    public async Task Run_KeysCheckedInManyPasses_SameTableAsInOne(string shape)
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"{{\"id\": {i}, \"kind\": \"k{i % 3}\", \"v\": {i}}}").ToList();
        if (shape == "duplicate")
        {
            lines.Add("{\"id\": 17, \"kind\": \"k2\", \"v\": 1700}");
        }
        else if (shape == "null")
        {
            lines.Add("{\"id\": null, \"kind\": \"k0\", \"v\": 1}");
            lines.Add("{\"id\": null, \"kind\": \"k0\", \"v\": 2}");
        }

        var onePass = await Land(lines, perPass: 2_000_000);
        var manyPasses = await Land(lines, perPass: 3);

        Assert.Equal(onePass, manyPasses);
        Assert.Equal(shape == "null" ? 41 : 40, manyPasses.Count);
        if (shape == "duplicate")
        {
            Assert.Contains("17|k2|1700", manyPasses);
        }
    }

    private static async Task<List<string>> Land(IEnumerable<string> lines, long perPass)
    {
        using var project = new TestProject(Manifest) { Options = new StepOptions { KeysPerUniquenessPass = perPass, WriteThreads = 1 } };
        project.Write("in/a.ndjson", string.Join('\n', lines) + "\n");
        await project.RunAsync();
        // The partitions' key files are temporary.
        var temporary = Path.Combine(project.Layout.Root, "tmp");
        Assert.Empty(Directory.Exists(temporary) ? Directory.GetFileSystemEntries(temporary, "keys-*") : []);
        return project.Query("SELECT id, kind, v FROM events ORDER BY id NULLS FIRST, kind, v")
            .Select(r => string.Join('|', r.Select(v => v?.ToString() ?? "null")))
            .ToList();
    }
}
