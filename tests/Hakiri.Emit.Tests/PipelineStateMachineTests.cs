using System.Text.Json.Nodes;
using Hakiri.Emit.Asl;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests;

public sealed class PipelineStateMachineTests
{
    private static readonly ProjectManifest Quickstart = Manifest.Load.Quickstart();

    [Theory]
    [InlineData(null, "quickstart.asl.json")]
    [InlineData("orders", "quickstart-orders.asl.json")]
    public void Write_Quickstart_MatchesGoldenFile(string? pipeline, string golden)
    {
        var actual = PipelineStateMachine.Write(PipelineStateMachine.Build(Quickstart, pipeline));
        var path = RepoPaths.Of("tests", "Hakiri.Emit.Tests", "Golden", golden);
        if (Environment.GetEnvironmentVariable("HAKIRI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with HAKIRI_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("orders")]
    public async Task Definition_PassesAnIndependentAslValidator(string? pipeline)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("definition.asl.json", PipelineStateMachine.Write(PipelineStateMachine.Build(Quickstart, pipeline)));
        var validator = RepoPaths.Of("tests", "tools", "node_modules", ".bin", "asl-validator");
        Assert.True(File.Exists(validator), "Test tools missing: run scripts/test.sh (or npm install in tests/tools).");

        var result = await ExternalProcess.RunAsync(validator, ["--json-path", path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is valid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AslValidator_RejectsABrokenDefinition_SoTheCheckAboveCanFail()
    {
        using var dir = new TempDirectory();
        var definition = PipelineStateMachine.Build(Quickstart);
        definition["States"]!["Discover"]!["Next"] = "Nowhere";
        var path = dir.Write("broken.asl.json", PipelineStateMachine.Write(definition));

        var result = await ExternalProcess.RunAsync(RepoPaths.Of("tests", "tools", "node_modules", ".bin", "asl-validator"), ["--json-path", path]);

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void EveryTask_RetriesTransientErrorsAndCatchesIntoAFailStateNamingTheStep()
    {
        var tasks = AllStates(PipelineStateMachine.Build(Quickstart)).Where(s => (string?)s.Value["Type"] == "Task").ToArray();

        Assert.Equal(5, tasks.Length);
        foreach (var (name, task) in tasks)
        {
            var retried = task["Retry"]!.AsArray().SelectMany(r => r!["ErrorEquals"]!.AsArray().Select(e => (string)e!)).ToArray();
            Assert.Contains(StepErrors.Transient, retried);
            Assert.Contains(StepErrors.RateLimited, retried);
            Assert.DoesNotContain(StepErrors.Permanent, retried);
            Assert.DoesNotContain(StepErrors.BadInput, retried);
            var failState = (string)task["Catch"]![0]!["Next"]!;
            Assert.EndsWith("Failed", failState, StringComparison.Ordinal);
            Assert.Contains(StepResources.StepOf((string)task["Resource"]!)!, (string)AllStates(PipelineStateMachine.Build(Quickstart)).Single(s => s.Name == failState).Value["CausePath"]!, StringComparison.Ordinal);
            Assert.NotNull(name);
        }
    }

    [Fact]
    public void Hash_IsStableForTheSameText()
    {
        var text = PipelineStateMachine.Write(PipelineStateMachine.Build(Quickstart));

        Assert.Equal(PipelineStateMachine.Hash(text), PipelineStateMachine.Hash(PipelineStateMachine.Write(PipelineStateMachine.Build(Quickstart))));
        Assert.Equal(64, PipelineStateMachine.Hash(text).Length);
    }

    [Theory]
    [InlineData("${PullBatchFunctionArn}", "pull-batch")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:quickstart-write", "write")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:other", null)]
    public void StepOf_Resources_MapBackToSteps(string resource, string? step) => Assert.Equal(step, StepResources.StepOf(resource));

    private static IEnumerable<(string Name, JsonObject Value)> AllStates(JsonObject machine)
    {
        foreach (var (name, state) in machine["States"]!.AsObject())
        {
            yield return (name, state!.AsObject());
            if (state["ItemProcessor"] is JsonObject processor)
            {
                foreach (var inner in AllStates(processor))
                {
                    yield return inner;
                }
            }
        }
    }
}
