using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Tests.Support;
using Hakiri.Testing;

namespace Hakiri.Emulator.Tests.Scenarios;

/// <summary>
/// Runs the definition Hakiri's emitter produces for the quickstart (its golden file) with stand-in steps: the
/// emulator must accept and run exactly what goes to Step Functions.
/// </summary>
public sealed class EmittedDefinitionTests
{
    private static readonly string GoldenPath = RepoPaths.Of("tests", "Hakiri.Emit.Tests", "Golden", "quickstart.asl.json");

    /// <summary>Steps that answer with every field the emitted selectors read; pull-batch pages three times per table.</summary>
    private static ScriptedTasks Steps() => new((resource, p, _) => Answer(resource, p));

    private static JsonNode? Answer(string resource, JsonNode? p) =>
        resource.Trim('$', '{', '}') switch
        {
            "DiscoverFunctionArn" => new JsonObject
            {
                ["tables"] = new JsonArray(
                    new JsonObject { ["run_id"] = p!["run_id"]!.DeepClone(), ["pipeline"] = "main", ["table"] = "orders" },
                    new JsonObject { ["run_id"] = p["run_id"]!.DeepClone(), ["pipeline"] = "main", ["table"] = "customers" }),
            },
            "PullBatchFunctionArn" => Page(p!["cursor"]),
            "WriteFunctionArn" => JsonNode.Parse("""{"rows_added":3,"row_count":3}"""),
            "CompactFunctionArn" => JsonNode.Parse("""{"files_after":1}"""),
            _ => new JsonObject(),
        };

    private static JsonObject Page(JsonNode? cursor)
    {
        var next = cursor is null ? 1 : int.Parse((string)cursor!, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var nextCursor = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject { ["next_cursor"] = nextCursor, ["cursor"] = nextCursor, ["has_more"] = next < 3, ["rows"] = 1 };
    }

    [Fact]
    public async Task Quickstart_EmittedDefinition_RunsEveryTableToCompletion()
    {
        if (!File.Exists(GoldenPath))
        {
            return;
        }

        var tasks = Steps();
        var result = await Asl.RunAsync(File.ReadAllText(GoldenPath), "{}", tasks);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        var pulls = tasks.Calls.Where(c => c.Resource.Contains("PullBatch", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, pulls.Count);
        Assert.All(pulls, c => Assert.Contains(Asl.ExecutionName, c.Parameters, StringComparison.Ordinal));
        Assert.Equal(2, tasks.Calls.Count(c => c.Resource.Contains("Index", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Quickstart_StepFailsPermanently_ExecutionFailsWithStepErrorAndTable()
    {
        if (!File.Exists(GoldenPath))
        {
            return;
        }

        var tasks = new ScriptedTasks((resource, p, _) => resource.Contains("Write", StringComparison.Ordinal)
            ? throw new Tasks.TaskFailedException("Hakiri.Permanent", "disk full")
            : Answer(resource, p));
        var result = await Asl.RunAsync(File.ReadAllText(GoldenPath), "{}", tasks);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Hakiri.Permanent", result.Error);
        Assert.Contains("disk full", result.Cause, StringComparison.Ordinal);
        Assert.True(StateMachineDefinition.Parse(File.ReadAllText(GoldenPath)).TimeoutSeconds > 0);
    }
}
