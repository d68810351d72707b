using System.Text.Json.Nodes;
using Hakiri.Emit.Azure;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>The fixed module and what <c>emit azure</c> writes, checked by the real Bicep CLI.</summary>
public sealed class BicepModuleTests
{
    [Fact]
    public async Task Build_CheckedInModule_EqualsTheCheckedInMainJson()
    {
        using var dir = new TempDirectory();
        var compiled = dir.Combine("main.json");

        var result = await BicepCli.RunAsync("build", RepoPaths.Of("infra", "azure", "main.bicep"), "--outfile", compiled);

        Assert.True(result.ExitCode == 0 && result.Stderr.Trim().Length == 0, result.ToString());
        Assert.True(File.ReadAllText(compiled) == File.ReadAllText(RepoPaths.Of("infra", "azure", "main.json")),
            "infra/azure/main.json is not what main.bicep compiles to: run scripts/build-bicep.sh and commit main.json.");
    }

    [Fact]
    public async Task Lint_CheckedInModule_IsClean()
    {
        var result = await BicepCli.RunAsync("lint", RepoPaths.Of("infra", "azure", "main.bicep"), "--config", BicepCli.LintConfig);

        Assert.True(result.ExitCode == 0 && (result.Stdout + result.Stderr).Trim().Length == 0, result.ToString());
    }

    [Fact]
    public async Task Lint_WithTheConfig_FailsOnWhatIsOnlyAWarningByDefault()
    {
        using var dir = new TempDirectory();
        var module = dir.Write("unused.bicep", "param unused string\n");

        var byDefault = await BicepCli.RunAsync("lint", module);
        var withConfig = await BicepCli.RunAsync("lint", module, "--config", BicepCli.LintConfig);

        Assert.True(byDefault.ExitCode == 0 && byDefault.ToString().Contains("Warning no-unused-params", StringComparison.Ordinal), byDefault.ToString());
        Assert.True(withConfig.ExitCode == 1 && withConfig.ToString().Contains("Error no-unused-params", StringComparison.Ordinal), withConfig.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EmittedFiles_BuildAndLintClean_AndTheParametersFitTheTemplate(bool scheduled)
    {
        using var dir = new TempDirectory();
        var manifest = scheduled ? TestManifests.Load(dir, TestManifests.Scheduled) : Manifest.Load.Quickstart();
        var emitted = AzureTemplate.Emit(manifest, "prod");
        foreach (var (name, text) in emitted.Files())
        {
            dir.Write(Path.Combine("out", name), text);
        }

        var build = await BicepCli.RunAsync("build", dir.Combine("out", "main.bicep"), "--outfile", dir.Combine("rebuilt.json"));
        var lint = await BicepCli.RunAsync("lint", dir.Combine("out", "main.bicep"), "--config", BicepCli.LintConfig);

        Assert.True(build.ExitCode == 0 && build.Stderr.Trim().Length == 0, build.ToString());
        Assert.Equal(File.ReadAllText(dir.Combine("out", "main.json")), File.ReadAllText(dir.Combine("rebuilt.json")));
        Assert.True(lint.ExitCode == 0 && (lint.Stdout + lint.Stderr).Trim().Length == 0, lint.ToString());
        Assert.Empty(ParameterCheck.Problems(JsonNode.Parse(emitted.ArmJson)!.AsObject(), JsonNode.Parse(emitted.ParametersJson!)!.AsObject()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BuildParams_TheSameValuesAsBicepParam_TypeCheckAndGiveTheSameParameters(bool scheduled)
    {
        using var dir = new TempDirectory();
        var manifest = scheduled ? TestManifests.Load(dir, TestManifests.Scheduled) : Manifest.Load.Quickstart();
        var emitted = AzureTemplate.Emit(manifest, "prod");
        dir.Write("main.bicep", emitted.Bicep);
        var paramFile = dir.Write("main.bicepparam", BicepParamFile.From(JsonNode.Parse(emitted.ParametersJson!)!.AsObject(), "main.bicep"));

        var result = await BicepCli.RunAsync("build-params", paramFile, "--outfile", dir.Combine("built.parameters.json"));

        Assert.True(result.ExitCode == 0 && result.Stderr.Trim().Length == 0, result.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(emitted.ParametersJson!), JsonNode.Parse(File.ReadAllText(dir.Combine("built.parameters.json")))),
            $"bicep build-params wrote\n{File.ReadAllText(dir.Combine("built.parameters.json"))}\nhakiri wrote\n{emitted.ParametersJson}");
    }

    [Fact]
    public async Task BuildParams_MistypedValues_AreRefused_SoTheCheckAboveCanFail()
    {
        using var dir = new TempDirectory();
        dir.Write("main.bicep", AzureTemplate.Bicep);
        var paramFile = dir.Write("main.bicepparam", "using 'main.bicep'\nparam projectName = 'p'\nparam stage = 3\nparam schedules = [{pipeline: 'a'}]\n");

        var result = await BicepCli.RunAsync("build-params", paramFile, "--outfile", dir.Combine("built.parameters.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BCP033", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing the following required properties: \"expression\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterCheck_CatchesUnknownMistypedAndMissingParameters_SoTheCheckAboveCanFail()
    {
        var template = JsonNode.Parse(AzureTemplate.ArmJson)!.AsObject();
        var parameters = JsonNode.Parse(AzureTemplate.Emit(Manifest.Load.Quickstart()).ParametersJson!)!.AsObject();
        parameters["parameters"]!.AsObject().Remove("projectName");
        parameters["parameters"]!["stage"]!["value"] = 3;
        parameters["parameters"]!["region"] = new JsonObject { ["value"] = "westeurope" };
        parameters["parameters"]!["schedules"]!["value"] = new JsonArray(new JsonObject { ["pipeline"] = "a" });

        var problems = ParameterCheck.Problems(template, parameters);

        Assert.Contains("projectName is required but missing", problems);
        Assert.Contains("stage is a string in the template, not Number", problems);
        Assert.Contains("region is not a parameter of the template", problems);
        Assert.Contains("schedules[0].expression is required but missing", problems);
    }
}
