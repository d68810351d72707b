using System.Text.Json;
using Hakiri.Emit.Asl;
using Hakiri.Store;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>Reads the step calls (step, table) in order from the TaskScheduled events of the run's recorded ASL history.</summary>
internal static class EmulatorHistory
{
    public static IReadOnlyList<(string Step, string? Table)> Calls(StoreLayout layout)
    {
        var file = Assert.Single(Directory.GetFiles(Path.Combine(layout.Root, "runs"), "history.json", SearchOption.AllDirectories));
        using var history = JsonDocument.Parse(File.ReadAllText(file));
        var calls = new List<(string, string?)>();
        foreach (var e in history.RootElement.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "TaskScheduled"))
        {
            var details = e.EnumerateObject().Single(p => p.Value.ValueKind == JsonValueKind.Object).Value;
            var step = StepResources.StepOf(details.GetProperty("resource").GetString()!)!;
            using var parameters = JsonDocument.Parse(details.GetProperty("parameters").GetString()!);
            calls.Add((step, parameters.RootElement.TryGetProperty("table", out var table) ? table.GetString() : null));
        }

        return calls;
    }
}
