using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Execution;

public sealed class CatchTests
{
    private static string Machine(string catchers) => $$$$"""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"r","Catch":{{{{catchers}}}},"Next":"B"},
          "A":{"Type":"Pass","Parameters":{"handler":"A","input.$":"$"},"End":true},
          "B":{"Type":"Pass","Parameters":{"handler":"B","input.$":"$"},"End":true}}}
        """;

    [Fact]
    public async Task Catch_DefaultResultPath_OutputIsErrorObject()
    {
        var result = await Asl.RunAsync(Machine("""[{"ErrorEquals":["E"],"Next":"A"}]"""), """{"keep":1}""", ScriptedTasks.FailingThen("1", "E"));
        Asl.JsonEqual("""{"handler":"A","input":{"Error":"E","Cause":"attempt 1 failed"}}""", result.Output);
    }

    [Fact]
    public async Task Catch_ResultPath_MergesErrorIntoRawInput()
    {
        var result = await Asl.RunAsync(Machine("""[{"ErrorEquals":["E"],"ResultPath":"$.error","Next":"A"}]"""), """{"keep":1}""", ScriptedTasks.FailingThen("1", "E"));
        Asl.JsonEqual("""{"handler":"A","input":{"keep":1,"error":{"Error":"E","Cause":"attempt 1 failed"}}}""", result.Output);
    }

    [Fact]
    public async Task Catch_ResultPathNull_PassesRawInputOn()
    {
        var result = await Asl.RunAsync(Machine("""[{"ErrorEquals":["E"],"ResultPath":null,"Next":"A"}]"""), """{"keep":1}""", ScriptedTasks.FailingThen("1", "E"));
        Asl.JsonEqual("""{"handler":"A","input":{"keep":1}}""", result.Output);
    }

    [Fact]
    public async Task Catch_SeveralCatchers_FirstMatchingWins()
    {
        var catchers = """[{"ErrorEquals":["Other"],"Next":"B"},{"ErrorEquals":["E","Other2"],"Next":"A"},{"ErrorEquals":["States.ALL"],"Next":"B"}]""";
        var result = await Asl.RunAsync(Machine(catchers), "{}", ScriptedTasks.FailingThen("1", "E"));
        Assert.Equal("A", (string?)result.Output!["handler"]);
    }

    [Fact]
    public async Task Catch_AfterRetriesExhausted_Catches()
    {
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["E"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["E"],"Next":"A"}],"End":true},
              "A":{"Type":"Pass","End":true}}}
            """;
        var tasks = ScriptedTasks.FailingThen("1", "E", "E", "E");
        var result = await Asl.RunAsync(definition, "{}", tasks);
        Assert.Equal(3, tasks.Calls.Count);
        Asl.JsonEqual("""{"Error":"E","Cause":"attempt 3 failed"}""", result.Output);
    }

    [Fact]
    public async Task Catch_NoMatch_ExecutionFailsWithTaskErrorAndCause()
    {
        var result = await Asl.RunAsync(Machine("""[{"ErrorEquals":["Other"],"Next":"A"}]"""), "{}", ScriptedTasks.FailingThen("1", "Hakiri.Permanent"));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Hakiri.Permanent", result.Error);
        Assert.Equal("attempt 1 failed", result.Cause);
        Assert.Null(result.Output);
    }
}
