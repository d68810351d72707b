using System.Collections.Concurrent;
using System.Diagnostics;
using Hakiri.Runner;

namespace Hakiri.Steps.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Run_EmitsASpanPerStepUnderTheRunSpan()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Hakiri.Steps",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var project = TestProject.Quickstart();

        var summary = await project.RunAsync("customers");

        var mine = spans.Where(s => s.RootId == spans.First(r => r.OperationName == "hakiri.run" && (string?)r.GetTagItem("hakiri.run_id") == summary.RunId).RootId).ToArray();
        Assert.Equal(["hakiri.compact", "hakiri.discover", "hakiri.index", "hakiri.pull-batch", "hakiri.run", "hakiri.write"], mine.Select(s => s.OperationName).Distinct().Order());
        var write = mine.Single(s => s.OperationName == "hakiri.write");
        Assert.Equal(4L, write.GetTagItem("hakiri.rows"));
        Assert.All(mine.Where(s => s.OperationName != "hakiri.run"), s => Assert.Equal(summary.RunId, s.GetTagItem("hakiri.run_id")));
        Assert.Equal("write", write.GetTagItem("hakiri.step"));
        Assert.Equal("customers", write.GetTagItem("hakiri.table"));
        Assert.True(write.GetTagItem("hakiri.bytes") is long written && written > 0, "the write span carries the bytes it added");
        Assert.True(mine.First(s => s.OperationName == "hakiri.pull-batch").GetTagItem("hakiri.bytes") is long read && read > 0, "a pull span carries the bytes it read");
    }
}
