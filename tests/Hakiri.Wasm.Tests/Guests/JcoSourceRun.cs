using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Hakiri.Testing;

namespace Hakiri.Wasm.Tests.Guests;

/// <summary>
/// Drives a source guest through jco (<c>tests/tools/run-source-guest.mjs</c>): componentized, transpiled to JS and
/// called with a scripted host, so the canonical ABI on the other side of every call is one Hakiri did not write.
/// </summary>
internal static class JcoSourceRun
{
    /// <summary>Runs <paramref name="scenario"/> (config, env, responses by URL, table, cursor) and returns what happened.</summary>
    public static async Task<JsonObject> RunAsync(string coreWasm, JsonObject scenario)
    {
        using var temp = new TempDirectory();
        var file = temp.Write("scenario.json", scenario.ToJsonString());
        var result = await ExternalProcess.RunAsync(
            "node", [RepoPaths.Of("tests", "tools", "run-source-guest.mjs"), coreWasm, file], timeout: TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>A scripted 200 response with a JSON body.</summary>
    public static JsonObject Ok(string body) => new() { ["status"] = 200, ["body"] = body };

    /// <summary>A scripted response with a status and headers.</summary>
    public static JsonObject Status(int status, params (string Name, string Value)[] headers) => new()
    {
        ["status"] = status,
        ["headers"] = new JsonArray([.. headers.Select(h => (JsonNode)new JsonArray(h.Name, h.Value))]),
    };

    /// <summary>The one record batch of a batch's Arrow stream, read with Apache.Arrow.</summary>
    public static async Task<RecordBatch> ReadArrowAsync(JsonNode batch)
    {
        var bytes = Convert.FromBase64String(batch["arrow"]!.GetValue<string>());
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        var record = await reader.ReadNextRecordBatchAsync();
        Assert.NotNull(record);
        Assert.Null(await reader.ReadNextRecordBatchAsync());
        return record;
    }
}
