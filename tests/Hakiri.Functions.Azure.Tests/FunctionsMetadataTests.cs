using System.Text.Json;
using Hakiri.Testing;

namespace Hakiri.Functions.Azure.Tests;

/// <summary>
/// The functions.metadata the worker SDK writes at build time is what the Functions host indexes (the host itself
/// cannot be installed here): it must list exactly the app's functions with their triggers, routes, keys and schedules.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(() =>
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = RepoPaths.Of("functions", "Hakiri.Functions.Azure", "bin", configuration, "net9.0", "functions.metadata");
        return [.. JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray()];
    });

    [Fact]
    public void Metadata_AsBuilt_ListsExactlyTheAppsFunctionsWithTheirTriggers()
    {
        var triggers = Functions.Value.ToDictionary(f => f.GetProperty("name").GetString()!, f => Trigger(f).GetProperty("type").GetString());

        var expected = new Dictionary<string, string?>
        {
            ["discover"] = "activityTrigger", ["pull-batch"] = "activityTrigger", ["write"] = "activityTrigger",
            ["compact"] = "activityTrigger", ["index"] = "activityTrigger",
            ["hakiri-pipeline"] = "orchestrationTrigger",
            ["StartRun"] = "httpTrigger", ["GetRun"] = "httpTrigger", ["Mcp"] = "httpTrigger",
        };
        for (var n = 1; n <= 8; n++)
        {
            expected[$"Schedule{n}"] = "timerTrigger";
        }

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), triggers.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("StartRun", "runs", "post")]
    [InlineData("GetRun", "runs/{id}", "get")]
    [InlineData("Mcp", "mcp", "get,post,delete")]
    public void Metadata_HttpFunction_RouteMethodsAndFunctionKey(string name, string route, string methods)
    {
        var trigger = Trigger(Functions.Value.Single(f => f.GetProperty("name").GetString() == name));

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(methods, string.Join(",", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())));
    }

    [Fact]
    public void Metadata_TimerSlots_ReadTheirScheduleFromAppSettings()
    {
        for (var n = 1; n <= 8; n++)
        {
            var trigger = Trigger(Functions.Value.Single(f => f.GetProperty("name").GetString() == $"Schedule{n}"));
            Assert.Equal($"%HAKIRI_SCHEDULE_{n}%", trigger.GetProperty("schedule").GetString());
        }
    }

    [Fact]
    public void Metadata_StartersAndSchedules_TakeADurableClient()
    {
        foreach (var name in new[] { "StartRun", "GetRun" }.Concat(Enumerable.Range(1, 8).Select(n => $"Schedule{n}")))
        {
            var function = Functions.Value.Single(f => f.GetProperty("name").GetString() == name);
            Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "durableClient");
        }
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
}
