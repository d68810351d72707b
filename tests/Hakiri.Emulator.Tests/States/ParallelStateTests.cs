using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Tasks;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.States;

public sealed class ParallelStateTests
{
    private const string TwoBranches = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"left","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"right.$":"$.x"},"End":true}}}]}}}
        """;

    [Fact]
    public async Task Parallel_TwoBranches_OutputIsArrayInBranchOrder()
    {
        var result = await Asl.RunAsync(TwoBranches, """{"x":1}""", ScriptedTasks.Returning("\"left result\""));
        Asl.JsonEqual("""["left result",{"right":1}]""", result.Output);
    }

    [Fact]
    public async Task Parallel_ParametersResultSelectorResultPath_ProcessLikeATask()
    {
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
              "Parameters":{"v.$":"$.value"},"ResultSelector":{"first.$":"$[0].v","count.$":"States.ArrayLength($)"},"ResultPath":"$.parallel",
              "Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}
            """;
        var result = await Asl.RunAsync(definition, """{"value":5}""");
        Asl.JsonEqual("""{"value":5,"parallel":{"first":5,"count":2}}""", result.Output);
    }

    [Fact]
    public async Task Parallel_BranchFails_StateFailsWithBranchErrorAndIsCaught()
    {
        var definition = """
            {"StartAt":"P","States":{
              "P":{"Type":"Parallel","Next":"Done","Catch":[{"ErrorEquals":["Branch.Error"],"ResultPath":"$.err","Next":"Handled"}],"Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Branch.Error","Cause":"second branch"}}}]},
              "Done":{"Type":"Succeed"},
              "Handled":{"Type":"Pass","End":true}}}
            """;
        var result = await Asl.RunAsync(definition, """{"in":1}""");
        Asl.JsonEqual("""{"in":1,"err":{"Error":"Branch.Error","Cause":"second branch"}}""", result.Output);
        Assert.Contains(result.History, e => e.Type == HistoryEventType.ParallelStateFailed);
    }

    [Fact]
    public async Task Parallel_BranchFails_SiblingTaskIsCancelled()
    {
        var tasks = new NeverEndingTasks();
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"slow","End":true}}},
              {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom"}}}]}}}
            """;
        var result = await Asl.RunAsync(definition, "{}", tasks);
        Assert.Equal("Boom", result.Error);
        Assert.Equal(1, tasks.Cancelled);
        Assert.Contains(result.History, e => e.Type == HistoryEventType.TaskStateAborted && e.StateName == "Slow");
    }

    [Fact]
    public async Task Parallel_Retry_RerunsEveryBranch()
    {
        var calls = 0;
        var tasks = new DelegateTaskInvoker((resource, _, _, _) =>
        {
            calls++;
            return resource == "flaky" && calls < 3 ? throw new TaskFailedException("Flaky", "first run") : Task.FromResult<JsonNode?>(JsonValue.Create(resource));
        });
        var definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":1}],"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"steady","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"flaky","End":true}}}]}}}
            """;
        var result = await Asl.RunAsync(definition, "{}", tasks);
        Asl.JsonEqual("""["steady","flaky"]""", result.Output);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Parallel_NestedRuntimeError_IsNotCaught()
    {
        var definition = """
            {"StartAt":"P","States":{
              "P":{"Type":"Parallel","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.missing","End":true}}}]},
              "H":{"Type":"Succeed"}}}
            """;
        var result = await Asl.RunAsync(definition, "{}");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }
}
