using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Tests.Support;

/// <summary>Runs definitions the way most tests need: a manual clock, a fixed seed and execution name.</summary>
internal static class Asl
{
    public const string ExecutionName = "exec-1";

    public static Task<ExecutionResult> RunAsync(string definition, string? input = null, ITaskInvoker? tasks = null, ManualTimeProvider? clock = null, ExecutionOptions? options = null)
    {
        clock ??= new ManualTimeProvider();
        options = (options ?? new ExecutionOptions { RandomSeed = 7, ExecutionName = ExecutionName, StateMachineName = "Machine" }) with { TimeProvider = clock };
        var run = new StateMachineInterpreter().RunAsync(
            StateMachineDefinition.Parse(definition),
            input is null ? null : JsonNode.Parse(input),
            tasks ?? ScriptedTasks.Echo(),
            options);
        return clock.DriveAsync(run);
    }

    /// <summary>A one-state machine around the given state JSON (which must end).</summary>
    public static string Single(string stateJson) => $$$"""{"StartAt":"S","States":{"S":{{{stateJson}}}}}""";

    /// <summary>Runs a single state and returns the execution's output, failing the test if it did not succeed.</summary>
    public static async Task<JsonNode?> OutputOfAsync(string stateJson, string input, ITaskInvoker? tasks = null)
    {
        var result = await RunAsync(Single(stateJson), input, tasks);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Status}: {result.Error}: {result.Cause}");
        return result.Output;
    }

    public static void JsonEqual(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actual),
            $"Expected {expectedNode?.ToJsonString() ?? "null"}\nActual   {actual?.ToJsonString() ?? "null"}");
    }
}
