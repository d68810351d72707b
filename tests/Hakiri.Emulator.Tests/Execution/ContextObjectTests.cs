using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tasks;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Execution;

public sealed class ContextObjectTests
{
    [Fact]
    public async Task Parameters_ContextPaths_ReadExecutionStateAndMachine()
    {
        var definition = """
            {"StartAt":"W","States":{
              "W":{"Type":"Wait","Seconds":5,"Next":"Read"},
              "Read":{"Type":"Pass","End":true,"Parameters":{
                "id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","input.$":"$$.Execution.Input","start.$":"$$.Execution.StartTime",
                "state.$":"$$.State.Name","entered.$":"$$.State.EnteredTime","retries.$":"$$.State.RetryCount",
                "machine.$":"$$.StateMachine.Id","machineName.$":"$$.StateMachine.Name","role.$":"$$.Execution.RoleArn"}}}}
            """;
        var result = await Asl.RunAsync(definition, """{"k":[1]}""");
        Asl.JsonEqual(
            """
            {"id":"arn:aws:states:local:000000000000:execution:Machine:exec-1","name":"exec-1","input":{"k":[1]},
             "start":"2024-01-01T00:00:00.000Z","state":"Read","entered":"2024-01-01T00:00:05.000Z","retries":0,
             "machine":"arn:aws:states:local:000000000000:stateMachine:Machine","machineName":"Machine",
             "role":"arn:aws:iam::000000000000:role/Machine"}
            """,
            result.Output);
        Assert.Equal("arn:aws:states:local:000000000000:execution:Machine:exec-1", result.ExecutionId);
    }

    [Fact]
    public async Task Parameters_TaskToken_IsAbsentAndFailsWithRuntime()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Task","Resource":"r","Parameters":{"token.$":"$$.Task.Token"},"End":true}"""), "{}");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task MapItem_OnlyInItemSelector_NotInsideTheProcessor()
    {
        var definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
              "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"i.$":"$$.Map.Item.Index"},"End":true}}}}}}
            """;
        var result = await Asl.RunAsync(definition, "[1]");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task TaskInvocationContext_CarriesExecutionStateAndLimits()
    {
        TaskInvocationContext? seen = null;
        var tasks = new ScriptedTasks((_, _, context) =>
        {
            seen = context;
            return null;
        });
        await Asl.RunAsync(Asl.Single("""{"Type":"Task","Resource":"r","TimeoutSeconds":30,"HeartbeatSeconds":10,"End":true}"""), "{}", tasks);
        Assert.NotNull(seen);
        Assert.Equal(("exec-1", "S", 0), (seen.ExecutionName, seen.StateName, seen.RetryCount));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), (seen.Timeout, seen.HeartbeatTimeout));
        Assert.Equal(seen.ExecutionId, (string?)seen.ContextObject["Execution"]!["Id"]);
    }

    [Fact]
    public async Task ExecutionName_NotGiven_SeededUuid()
    {
        async Task<string> NameAsync(int seed) =>
            (await Asl.RunAsync(Asl.Single("""{"Type":"Pass","Parameters":{"n.$":"$$.Execution.Name"},"OutputPath":"$.n","End":true}"""), "{}", options: new ExecutionOptions { RandomSeed = seed })).ExecutionName;

        var name = await NameAsync(3);
        Assert.True(Guid.TryParse(name, out _));
        Assert.Equal(name, await NameAsync(3));
        Assert.NotEqual(name, await NameAsync(4));
    }

    [Fact]
    public async Task Input_Null_RunsWithEmptyObject()
    {
        var run = new StateMachineInterpreter().RunAsync(
            StateMachineDefinition.Parse(Asl.Single("""{"Type":"Pass","End":true}""")), null, ScriptedTasks.Echo());
        var result = await run;
        Asl.JsonEqual("{}", result.Output);
    }

    [Fact]
    public async Task Input_CallerMutatesAfterStart_ExecutionKeepsItsCopy()
    {
        var input = new JsonObject { ["v"] = 1 };
        var tasks = new ScriptedTasks((_, _, _) =>
        {
            input["v"] = 2;
            return JsonValue.Create("x");
        });
        var run = new StateMachineInterpreter().RunAsync(
            StateMachineDefinition.Parse(Asl.Single("""{"Type":"Task","Resource":"r","ResultPath":"$.r","End":true}""")), input, tasks);
        Asl.JsonEqual("""{"v":1,"r":"x"}""", (await run).Output);
    }
}
