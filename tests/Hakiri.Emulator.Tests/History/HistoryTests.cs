using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Tests.Support;
using static Hakiri.Emulator.History.HistoryEventType;

namespace Hakiri.Emulator.Tests.History;

public sealed class HistoryTests
{
    private const string SmallMachine = """
        {"StartAt":"Start","States":{
          "Start":{"Type":"Pass","Result":{"n":1},"Next":"Call"},
          "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"n.$":"$.n"},"ResultSelector":{"more.$":"$.Payload.more"},"TimeoutSeconds":60,"Next":"Decide"},
          "Decide":{"Type":"Choice","Choices":[{"Variable":"$.more","BooleanEquals":false,"Next":"Pause"}],"Default":"Pause"},
          "Pause":{"Type":"Wait","Seconds":1,"Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    [Fact]
    public async Task History_SmallMachine_EventSequenceMatchesStepFunctions()
    {
        var result = await Asl.RunAsync(SmallMachine, "{}", ScriptedTasks.Returning("""{"Payload":{"more":false}}"""));
        HistoryEventType[] expected =
        [
            ExecutionStarted,
            PassStateEntered, PassStateExited,
            TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited,
            ChoiceStateEntered, ChoiceStateExited,
            WaitStateEntered, WaitStateExited,
            SucceedStateEntered, SucceedStateExited,
            ExecutionSucceeded,
        ];
        Assert.Equal(expected, result.History.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(i => (long)i), result.History.Select(e => e.Id));
        Assert.All(result.History, e => Assert.Equal(e.Id - 1, e.PreviousEventId));
    }

    [Fact]
    public async Task History_Details_CarryNamesPayloadsAndResources()
    {
        var clock = new ManualTimeProvider();
        var result = await Asl.RunAsync(SmallMachine, """{"in":true}""", ScriptedTasks.Returning("""{"Payload":{"more":false}}"""), clock);
        var events = result.History;
        Assert.Equal("""{"in":true}""", events[0].Input);
        Assert.Equal(("Start", """{"in":true}"""), (events[1].StateName, events[1].Input));
        Assert.Equal(("Start", """{"n":1}"""), (events[2].StateName, events[2].Output));
        var scheduled = events.Single(e => e.Type == TaskScheduled);
        Assert.Equal(("lambda", "invoke", """{"n":1}""", 60L), (scheduled.ResourceType, scheduled.Resource, scheduled.Parameters, scheduled.TimeoutInSeconds));
        Assert.Equal("""{"Payload":{"more":false}}""", events.Single(e => e.Type == TaskSucceeded).Output);
        Assert.Equal("""{"more":false}""", events.Single(e => e.Type == TaskStateExited).Output);
        var waitExit = events.Single(e => e.Type == WaitStateExited);
        Assert.Equal(clock.GetUtcNow(), waitExit.Timestamp);
        Assert.Equal(TimeSpan.FromSeconds(1), waitExit.Timestamp - events[0].Timestamp);
        Assert.Equal("""{"more":false}""", events[^1].Output);
    }

    [Fact]
    public async Task History_LambdaFunctionArn_UsesLambdaEvents()
    {
        var definition = Asl.Single("""{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:pull","End":true}""");
        var result = await Asl.RunAsync(definition, """{"a":1}""", ScriptedTasks.Returning("2"));
        Assert.Equal(
            [ExecutionStarted, TaskStateEntered, LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, TaskStateExited, ExecutionSucceeded],
            result.History.Select(e => e.Type));
        Assert.Equal("""{"a":1}""", result.History[2].Input);
    }

    [Fact]
    public async Task History_CaughtFailureAfterRetry_ShowsEachAttemptAndNoExit()
    {
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["E"],"MaxAttempts":1}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},
              "H":{"Type":"Fail","Error":"Handled","Cause":"gave up"}}}
            """;
        var result = await Asl.RunAsync(definition, "{}", ScriptedTasks.FailingThen("1", "E", "E"));
        Assert.Equal(
            [ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskFailed, TaskScheduled, TaskStarted, TaskFailed, FailStateEntered, ExecutionFailed],
            result.History.Select(e => e.Type));
        Assert.Equal(("E", "attempt 2 failed"), (result.History[7].Error, result.History[7].Cause));
        Assert.Equal(("Handled", "gave up"), (result.History[^1].Error, result.History[^1].Cause));
    }

    [Fact]
    public async Task History_Map_IterationsForkFromMapStateStarted()
    {
        var definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """;
        var result = await Asl.RunAsync(definition, "[1,2]");
        Assert.Equal(
            [ExecutionStarted, MapStateEntered, MapStateStarted,
             MapIterationStarted, PassStateEntered, PassStateExited, MapIterationSucceeded,
             MapIterationStarted, PassStateEntered, PassStateExited, MapIterationSucceeded,
             MapStateSucceeded, MapStateExited, ExecutionSucceeded],
            result.History.Select(e => e.Type));
        var started = result.History.Single(e => e.Type == MapStateStarted);
        Assert.Equal(2, started.Length);
        Assert.All(result.History.Where(e => e.Type == MapIterationStarted), e => Assert.Equal(started.Id, e.PreviousEventId));
        Assert.Equal([0, 1], result.History.Where(e => e.Type == MapIterationStarted).Select(e => e.Index ?? -1));
        Assert.All(result.History.Where(e => e.Type == MapIterationStarted), e => Assert.Equal("M", e.StateName));
    }

    [Fact]
    public async Task History_Parallel_BranchEventsBetweenStartedAndSucceeded()
    {
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Succeed"}}}]}}}
            """;
        var result = await Asl.RunAsync(definition, "{}");
        Assert.Equal(
            [ExecutionStarted, ParallelStateEntered, ParallelStateStarted, PassStateEntered, PassStateExited, SucceedStateEntered, SucceedStateExited,
             ParallelStateSucceeded, ParallelStateExited, ExecutionSucceeded],
            result.History.Select(e => e.Type));
    }

    [Fact]
    public async Task History_Json_ShapedLikeGetExecutionHistory()
    {
        var result = await Asl.RunAsync(SmallMachine, "{}", ScriptedTasks.Returning("""{"Payload":{"more":true}}"""));
        var json = JsonNode.Parse(result.HistoryJson())!;
        var events = json["events"]!.AsArray();
        Assert.Equal(result.History.Count, events.Count);
        var first = events[0]!;
        Assert.Equal("ExecutionStarted", (string?)first["type"]);
        Assert.Equal(1, (int)first["id"]!);
        Assert.Equal(0, (int)first["previousEventId"]!);
        Assert.Equal("2024-01-01T00:00:00.000Z", (string?)first["timestamp"]);
        Assert.Equal("{}", (string?)first["executionStartedEventDetails"]!["input"]);
        Assert.Equal("Start", (string?)events[1]!["stateEnteredEventDetails"]!["name"]);
        Assert.Equal("Start", (string?)events[2]!["stateExitedEventDetails"]!["name"]);
        var scheduled = events.Single(e => (string?)e!["type"] == "TaskScheduled")!["taskScheduledEventDetails"]!;
        Assert.Equal(("lambda", "invoke", 60), ((string?)scheduled["resourceType"], (string?)scheduled["resource"], (int)scheduled["timeoutInSeconds"]!));
        Assert.NotNull(events[^1]!["executionSucceededEventDetails"]!["output"]);
        Assert.Null(events.Single(e => (string?)e!["type"] == "TaskStarted")!["taskStartedEventDetails"]!["parameters"]);
    }

    [Fact]
    public async Task History_WriteAsync_SameAsSerialize()
    {
        var result = await Asl.RunAsync(SmallMachine, "{}", ScriptedTasks.Returning("""{"Payload":{"more":true}}"""));
        using var stream = new MemoryStream();
        await ExecutionHistoryJson.WriteAsync(stream, result.History);
        Assert.Equal(result.HistoryJson(), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task History_EndlessLoop_StopsAtTheEventLimit()
    {
        const string definition = """
            {"StartAt":"A","States":{
              "A":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"C"}],"Default":"B"},
              "B":{"Type":"Pass","Next":"A"},
              "C":{"Type":"Succeed"}}}
            """;
        var options = new ExecutionOptions { MaxHistoryEvents = 50, ExecutionName = "loop" };
        var result = await Asl.RunAsync(definition, "{}", options: options);
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("50", result.Cause, StringComparison.Ordinal);
        Assert.Equal(51, result.History.Count);
        Assert.Equal(ExecutionFailed, result.History[^1].Type);
    }
}
