using System.Text.Json.Nodes;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Tasks;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Scenarios;

/// <summary>The shape Hakiri's pipelines take: pull batches while has_more, then write, with Hakiri's error names.</summary>
public sealed class PullLoopTests
{
    private const string Definition = """
        {"StartAt":"Pull","TimeoutSeconds":3600,"States":{
          "Pull":{"Type":"Task","Resource":"pull-batch","TimeoutSeconds":900,
            "Parameters":{"table.$":"$.table","cursor.$":"$.cursor"},
            "ResultSelector":{"has_more.$":"$.has_more","cursor.$":"$.cursor"},
            "ResultPath":"$.batch",
            "Retry":[{"ErrorEquals":["Hakiri.RateLimited"],"IntervalSeconds":5,"MaxAttempts":6,"MaxDelaySeconds":300,"JitterStrategy":"FULL"},
                     {"ErrorEquals":["Hakiri.Transient","States.Timeout"],"IntervalSeconds":2,"MaxAttempts":4}],
            "Catch":[{"ErrorEquals":["Hakiri.Permanent","Hakiri.BadInput","Hakiri.SchemaIncompatible","Hakiri.AuthExpired"],"ResultPath":"$.error","Next":"PullFailed"}],
            "Next":"More"},
          "More":{"Type":"Choice","Choices":[{"Variable":"$.batch.has_more","BooleanEquals":true,"Next":"Advance"}],"Default":"Write"},
          "Advance":{"Type":"Pass","Parameters":{"table.$":"$.table","cursor.$":"$.batch.cursor"},"Next":"Pull"},
          "Write":{"Type":"Task","Resource":"write","Parameters":{"table.$":"$.table","cursor.$":"$.batch.cursor"},"ResultPath":"$.written","End":true},
          "PullFailed":{"Type":"Fail","ErrorPath":"$.error.Error","CausePath":"States.Format('pull failed for {}: {}', $.table, $.error.Cause)"}}}
        """;

    /// <summary>Each pull returns the next cursor; has_more stays true until the cursor reaches 3.</summary>
    private static ScriptedTasks Source(Func<int, string?>? failAt = null)
    {
        var failedOnce = new HashSet<int>();
        return new ScriptedTasks((resource, p, _) =>
        {
            if (resource == "write")
            {
                return JsonNode.Parse("""{"rows_added":30}""");
            }

            var cursor = p!["cursor"] is { } c ? (int)c : 0;
            if (failAt?.Invoke(cursor) is { } error && failedOnce.Add(cursor))
            {
                throw new TaskFailedException(error, $"cursor {cursor}");
            }

            var next = cursor + 1;
            return new JsonObject { ["has_more"] = next < 3, ["cursor"] = next };
        });
    }

    [Fact]
    public async Task PullLoop_HasMoreUntilThree_LoopsThenWrites()
    {
        var tasks = Source();
        var result = await Asl.RunAsync(Definition, """{"table":"orders","cursor":null}""", tasks);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Asl.JsonEqual("""{"table":"orders","cursor":2,"batch":{"has_more":false,"cursor":3},"written":{"rows_added":30}}""", result.Output);
        Assert.Equal(
            ["""{"table":"orders","cursor":null}""", """{"table":"orders","cursor":1}""", """{"table":"orders","cursor":2}""", """{"table":"orders","cursor":3}"""],
            tasks.Calls.Select(c => c.Parameters));
        Assert.Equal(3, result.History.Count(e => e.Type == HistoryEventType.ChoiceStateEntered));
    }

    [Fact]
    public async Task PullLoop_TransientFailureMidLoop_RetriedAfterBackoff()
    {
        var clock = new ManualTimeProvider();
        var tasks = Source(cursor => cursor == 1 ? "Hakiri.Transient" : null);
        var result = await Asl.RunAsync(Definition, """{"table":"orders","cursor":null}""", tasks, clock);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), result.StopDate - result.StartDate);
        Assert.Equal(5, tasks.Calls.Count);
    }

    [Fact]
    public async Task PullLoop_RateLimited_BackoffStaysWithinJitterBounds()
    {
        var clock = new ManualTimeProvider();
        var tasks = Source(cursor => cursor == 0 ? "Hakiri.RateLimited" : null);
        var result = await Asl.RunAsync(Definition, """{"table":"orders","cursor":null}""", tasks, clock);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.InRange((result.StopDate - result.StartDate).TotalSeconds, 0, 5);
    }

    [Fact]
    public async Task PullLoop_PermanentFailure_FailsWithTheStepsErrorAndTable()
    {
        var result = await Asl.RunAsync(Definition, """{"table":"orders","cursor":null}""", Source(cursor => cursor == 2 ? "Hakiri.SchemaIncompatible" : null));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Hakiri.SchemaIncompatible", result.Error);
        Assert.Equal("pull failed for orders: cursor 2", result.Cause);
    }
}
