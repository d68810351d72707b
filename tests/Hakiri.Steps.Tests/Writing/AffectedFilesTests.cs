using static Hakiri.Steps.Tests.Writing.EventLines;

namespace Hakiri.Steps.Tests.Writing;

// An upsert finds the live files holding an incoming key in two passes: the first row group (32,768 rows) of every
// file, then only the files without a hit there, read whole. A key that sits only past the first row group must still
// replace its stored row.
public sealed class AffectedFilesTests
{
    [Theory]
    [InlineData(new long[] { 39_990 })]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 39_990, 40_005 })]
    [InlineData(new long[] { 32_768, 32_769, 79_999 })]
    public async Task Run_UpsertOfKeysEarlyOrLateInTheirFiles_ReplacesEachStoredRow(long[] changed)
    {
        using var project = new TestProject(Keyed);
        project.Write("in/a.ndjson", Lines(1, 40_000, version: 0));
        await project.RunAsync();
        project.Write("in/b.ndjson", Lines(40_001, 80_000, version: 0));
        await project.RunAsync();

        project.Write("in/c.ndjson", string.Concat(changed.Select(id => Line(id, version: 1))));
        await project.RunAsync();

        Assert.Equal(80_000L, project.Query("SELECT count(*) FROM events").Single()[0]);
        Assert.Equal(80_000L, project.Query("SELECT count(DISTINCT id) FROM events").Single()[0]);
        Assert.Equal(changed, project.Query("SELECT id FROM events WHERE v = 1 ORDER BY id").Select(r => (long)r[0]!));
    }

    [Fact]
    public async Task Run_UpsertRepeatingAKeyPastTheFirstRowGroup_TheNewestRowReplacesTheStoredOne()
    {
        using var project = new TestProject(Keyed);
        project.Write("in/a.ndjson", Lines(1, 40_000, version: 0));
        await project.RunAsync();

        project.Write("in/b.ndjson", Line(39_000, version: 1) + Line(39_000, version: 2) + Line(7, version: 1));
        await project.RunAsync();

        Assert.Equal(40_000L, project.Query("SELECT count(*) FROM events").Single()[0]);
        Assert.Equal(["7|1", "39000|2"], project.Query("SELECT id, v FROM events WHERE v > 0 ORDER BY id").Select(r => $"{r[0]}|{r[1]}"));
    }
}
