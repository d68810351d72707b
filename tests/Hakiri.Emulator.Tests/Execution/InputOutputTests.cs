using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Execution;

/// <summary>InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath, with the documentation's examples.</summary>
public sealed class InputOutputTests
{
    private const string NumbersInput = """{"title":"Numbers to add","numbers":{"val1":3,"val2":4}}""";

    [Fact]
    public async Task Task_InputPathAndResultPath_TaskSeesSelectionAndResultMergesIntoRawInput()
    {
        var tasks = new ScriptedTasks((_, p, _) => JsonValue.Create((int)p!["val1"]! + (int)p["val2"]!));
        var output = await Asl.OutputOfAsync("""{"Type":"Task","Resource":"add","InputPath":"$.numbers","ResultPath":"$.sum","OutputPath":"$","End":true}""", NumbersInput, tasks);
        Asl.JsonEqual("""{"title":"Numbers to add","numbers":{"val1":3,"val2":4},"sum":7}""", output);
        Assert.Equal("""{"val1":3,"val2":4}""", tasks.Calls.Single().Parameters);
    }

    [Fact]
    public async Task Task_OutputPathSelectsResult_OutputIsResultOnly()
    {
        var tasks = ScriptedTasks.Returning("7");
        var output = await Asl.OutputOfAsync("""{"Type":"Task","Resource":"add","InputPath":"$.numbers","ResultPath":"$.sum","OutputPath":"$.sum","End":true}""", NumbersInput, tasks);
        Asl.JsonEqual("7", output);
    }

    [Fact]
    public async Task Task_ResultSelectorThenResultPath_KeepsSelectedFieldsUnderResultPath()
    {
        var tasks = ScriptedTasks.Returning("""{"resourceType":"elasticmapreduce","resource":"createCluster.sync","output":{"SdkHttpMetadata":{"HttpStatusCode":200},"ClusterId":"AKIAIOSFODNN7EXAMPLE"}}""");
        var output = await Asl.OutputOfAsync(
            """{"Type":"Task","Resource":"emr","ResultSelector":{"ClusterId.$":"$.output.ClusterId","ResourceType.$":"$.resourceType","Fixed":"x"},"ResultPath":"$.EMROutput","End":true}""",
            """{"comment":"kept"}""",
            tasks);
        Asl.JsonEqual("""{"comment":"kept","EMROutput":{"ClusterId":"AKIAIOSFODNN7EXAMPLE","ResourceType":"elasticmapreduce","Fixed":"x"}}""", output);
    }

    [Fact]
    public async Task Task_ParametersAfterInputPath_PathsReadTheEffectiveInput()
    {
        var tasks = ScriptedTasks.Echo();
        await Asl.OutputOfAsync("""{"Type":"Task","Resource":"r","InputPath":"$.numbers","Parameters":{"first.$":"$.val1","all.$":"$"},"End":true}""", NumbersInput, tasks);
        Asl.JsonEqual("""{"first":3,"all":{"val1":3,"val2":4}}""", JsonNode.Parse(tasks.Calls.Single().Parameters!));
    }

    [Fact]
    public async Task Task_InputPathNull_TaskReceivesEmptyObject()
    {
        var tasks = ScriptedTasks.Returning("1");
        await Asl.OutputOfAsync("""{"Type":"Task","Resource":"r","InputPath":null,"End":true}""", NumbersInput, tasks);
        Assert.Equal("{}", tasks.Calls.Single().Parameters);
    }

    [Fact]
    public async Task Pass_OutputPathNull_OutputIsEmptyObject()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","OutputPath":null,"End":true}""", NumbersInput);
        Asl.JsonEqual("{}", output);
    }

    [Fact]
    public async Task Pass_ResultPathDollar_ResultReplacesInput()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","Result":{"r":1},"ResultPath":"$","End":true}""", NumbersInput);
        Asl.JsonEqual("""{"r":1}""", output);
    }

    [Fact]
    public async Task Pass_ResultPathDeep_CreatesMissingObjects()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","Result":"v","ResultPath":"$.a.b.c","End":true}""", """{"a":{"keep":true}}""");
        Asl.JsonEqual("""{"a":{"keep":true,"b":{"c":"v"}}}""", output);
    }

    [Fact]
    public async Task Pass_ResultPathOverwritesExistingField_ReplacesOnlyThatField()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","Result":[1],"ResultPath":"$.numbers.val1","End":true}""", NumbersInput);
        Asl.JsonEqual("""{"title":"Numbers to add","numbers":{"val1":[1],"val2":4}}""", output);
    }

    [Fact]
    public async Task Pass_ResultPathIntoArrayIndex_ReplacesElement()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","Result":"x","ResultPath":"$.list[1]","End":true}""", """{"list":[0,1,2]}""");
        Asl.JsonEqual("""{"list":[0,"x",2]}""", output);
    }

    [Fact]
    public async Task Pass_ResultPathOnStringInput_FailsWithResultPathMatchFailure()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Pass","Result":1,"ResultPath":"$.a","End":true}"""), "\"text\"");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrors.ResultPathMatchFailure, result.Error);
    }

    [Fact]
    public async Task Task_ResultPathMatchFailure_IsCaught()
    {
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"r","ResultPath":"$.a.b","Catch":[{"ErrorEquals":["States.ResultPathMatchFailure"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """;
        var result = await Asl.RunAsync(definition, """{"a":"not an object"}""", ScriptedTasks.Returning("1"));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(StatesErrors.ResultPathMatchFailure, (string?)result.Output!["Error"]);
    }

    [Fact]
    public async Task Task_InputPathSelectsNothing_FailsWithRuntimeThatStatesAllDoesNotCatch()
    {
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"r","InputPath":"$.missing","Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Pass","End":true}}}
            """;
        var tasks = ScriptedTasks.Returning("1");
        var result = await Asl.RunAsync(definition, "{}", tasks);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Empty(tasks.Calls);
    }

    [Fact]
    public async Task Pass_ParametersPathMissing_FailsWithRuntimeNamingTheField()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Pass","Parameters":{"x.$":"$.nope"},"End":true}"""), """{"a":1}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("'x.$'", result.Cause, StringComparison.Ordinal);
        Assert.Contains("$.nope", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pass_InputPathWithWildcard_SelectsArrayOfMatches()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","InputPath":"$.items[*].id","End":true}""", """{"items":[{"id":1},{"id":2},{"other":3}]}""");
        Asl.JsonEqual("[1,2]", output);
    }

    [Fact]
    public async Task Pass_InputPathSlice_SelectsRange()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","InputPath":"$.a[0:2]","End":true}""", """{"a":[1,2,3,4]}""");
        Asl.JsonEqual("[1,2]", output);
    }

    [Fact]
    public async Task Task_ResultIsMutatedByInvokerLater_OutputKeepsItsCopy()
    {
        var shared = new JsonObject { ["n"] = 1 };
        var tasks = new ScriptedTasks((_, _, _) => shared);
        var output = await Asl.OutputOfAsync("""{"Type":"Task","Resource":"r","End":true}""", "{}", tasks);
        shared["n"] = 2;
        Asl.JsonEqual("""{"n":1}""", output);
    }
}
