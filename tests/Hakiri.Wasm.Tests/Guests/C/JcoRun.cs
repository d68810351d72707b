using System.Text.Json;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Hakiri.Testing;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>
/// One run of a guest through jco's canonical ABI (<c>tests/tools/run-guest-jco.mjs</c>) against a scripted host:
/// an independent check of the guest's lifting and lowering, apart from Hakiri's runtime.
/// </summary>
internal sealed class JcoRun
{
    private JcoRun(string directory, JsonObject transcript)
    {
        Directory = directory;
        Transcript = transcript;
    }

    public string Directory { get; }

    public JsonObject Transcript { get; }

    public JsonNode? Discover => Transcript["discover"];

    public JsonNode? Open => Transcript["open"];

    public JsonNode? End => Transcript["end"];

    public JsonArray Batches => Transcript["batches"]!.AsArray();

    public JsonArray Requests => Transcript["requests"]!.AsArray();

    public IEnumerable<string> Logs => Transcript["logs"]!.AsArray().Select(l => $"{l![0]}: {l[1]}");

    /// <summary>Runs <paramref name="module"/> with <paramref name="scenario"/> (see the script's header) in <paramref name="directory"/>.</summary>
    public static async Task<JcoRun> StartAsync(string module, JsonObject scenario, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var scenarioFile = Path.Combine(directory, "scenario.json");
        await File.WriteAllTextAsync(scenarioFile, scenario.ToJsonString());
        var result = await ExternalProcess.RunAsync("node", [RepoPaths.Of("tests", "tools", "run-guest-jco.mjs"), module, scenarioFile, directory],
            timeout: TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, result.ToString());
        var transcript = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "transcript.json")))!.AsObject();
        return new JcoRun(directory, transcript);
    }

    /// <summary>The error a step returned, as "tag: value".</summary>
    public static string? Error(JsonNode? step) =>
        step?["error"] is { } error ? $"{error["tag"]}: {error["val"]?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Trim('"')}" : null;

    /// <summary>Reads batch <paramref name="index"/>'s Arrow stream with Apache Arrow: the one record batch, then the end.</summary>
    public async Task<RecordBatch> ReadBatchAsync(int index)
    {
        await using var file = File.OpenRead(Path.Combine(Directory, (string)Batches[index]!["arrow"]!));
        using var reader = new ArrowStreamReader(file);
        var batch = await reader.ReadNextRecordBatchAsync();
        Assert.NotNull(batch);
        Assert.Null(await reader.ReadNextRecordBatchAsync());
        return batch;
    }
}
