using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using static Hakiri.Emit.Asl.AslBuilder;

namespace Hakiri.Emit.Asl;

/// <summary>
/// Emits the Amazon States Language definition of a project's pipelines: discover, then a Map over the tables in
/// which pull-batch loops while <c>has_more</c>, then write, compact and index. Only names and counts travel through
/// the state (Step Functions caps payloads at 256 KiB); data moves through the store. The run id is the execution's
/// name. The same text is deployed to Step Functions and run by the local emulator.
/// </summary>
public static class PipelineStateMachine
{
    /// <summary>Tables processed at once by the Map state.</summary>
    public const int TableConcurrency = PipelineLimits.TableConcurrency;

    /// <summary>The definition for <paramref name="pipeline"/>, or for all of the project's pipelines when null.</summary>
    public static JsonObject Build(ProjectManifest manifest, string? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var scope = pipeline is null ? $"all pipelines of project {manifest.Name}" : $"pipeline {pipeline} of project {manifest.Name}";
        return new JsonObject
        {
            ["Comment"] = $"Hakiri: {scope}. discover → per table: pull-batch while has_more → write → compact → index.",
            ["StartAt"] = "Start",
            ["TimeoutSeconds"] = 86_400,
            ["States"] = StartStates(pipeline).Concat(new JsonObject
            {
                ["Discover"] = Task(StepNames.Discover,
                    new JsonObject { ["run_id.$"] = "$.run_id", ["pipelines.$"] = "$.pipelines" },
                    new JsonObject { ["tables.$"] = "$.tables" }, "$.discovered", "Tables", "DiscoverFailed"),
                ["DiscoverFailed"] = Fail(StepNames.Discover, perTable: false),
                ["Tables"] = TablesMap(),
                ["Done"] = new JsonObject { ["Type"] = "Succeed" },
            }).ToJsonObject(),
        };
    }

    // The run id is the execution name. A one-pipeline definition fixes its pipeline; the project's definition runs
    // the pipelines named in the input's "pipelines" (as schedules pass them), or all when the input names none.
    private static JsonObject StartStates(string? pipeline)
    {
        JsonObject Start(JsonNode pipelines) => new()
        {
            ["Type"] = "Pass",
            ["Parameters"] = new JsonObject { ["run_id.$"] = "$$.Execution.Name", [pipelines is JsonValue ? "pipelines.$" : "pipelines"] = pipelines },
            ["Next"] = "Discover",
        };

        if (pipeline is not null)
        {
            return new JsonObject { ["Start"] = Start(Strings(pipeline)) };
        }

        return new JsonObject
        {
            ["Start"] = new JsonObject
            {
                ["Type"] = "Choice",
                ["Comment"] = "Input {\"pipelines\": [\"orders\"]} runs those pipelines; any other input runs all of them.",
                ["Choices"] = new JsonArray(new JsonObject { ["Variable"] = "$.pipelines", ["IsPresent"] = true, ["Next"] = "Selected" }),
                ["Default"] = "All",
            },
            ["Selected"] = Start(JsonValue.Create("$.pipelines")),
            ["All"] = Start(Strings()),
        };
    }

    /// <summary>The definition as text: indented, stable key order, ending with a newline.</summary>
    public static string Write(JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            definition.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The SHA-256 of the definition text, recorded with each run that executes it.</summary>
    public static string Hash(string definitionText) => Convert.ToHexStringLower(DefinitionHash.Sha256(Encoding.UTF8.GetBytes(definitionText)));

    private static JsonObject TablesMap() => new()
    {
        ["Type"] = "Map",
        ["Comment"] = "One iteration per table discover found; each keeps only its identity and cursor in the state.",
        ["ItemsPath"] = "$.discovered.tables",
        ["MaxConcurrency"] = TableConcurrency,
        ["ItemSelector"] = new JsonObject
        {
            ["run_id.$"] = "$$.Map.Item.Value.run_id",
            ["pipeline.$"] = "$$.Map.Item.Value.pipeline",
            ["table.$"] = "$$.Map.Item.Value.table",
            ["cursor"] = null,
        },
        ["ItemProcessor"] = new JsonObject
        {
            ["ProcessorConfig"] = new JsonObject { ["Mode"] = "INLINE" },
            ["StartAt"] = "PullBatch",
            ["States"] = TableStates(),
        },
        ["ResultPath"] = "$.tables",
        ["Next"] = "Done",
    };

    private static JsonObject TableStates()
    {
        var pull = TableParameters();
        pull["cursor.$"] = "$.cursor";
        return new JsonObject
        {
            ["PullBatch"] = Task(StepNames.PullBatch, pull,
                new JsonObject { ["next_cursor.$"] = "$.next_cursor", ["has_more.$"] = "$.has_more", ["rows.$"] = "$.rows" },
                "$.batch", "MoreBatches", "PullBatchFailed"),
            ["MoreBatches"] = new JsonObject
            {
                ["Type"] = "Choice",
                ["Choices"] = new JsonArray(new JsonObject
                {
                    ["Variable"] = "$.batch.has_more",
                    ["BooleanEquals"] = true,
                    ["Next"] = "NextBatch",
                }),
                ["Default"] = "Write",
            },
            ["NextBatch"] = new JsonObject
            {
                ["Type"] = "Pass",
                ["Parameters"] = new JsonObject
                {
                    ["run_id.$"] = "$.run_id",
                    ["pipeline.$"] = "$.pipeline",
                    ["table.$"] = "$.table",
                    ["cursor.$"] = "$.batch.next_cursor",
                },
                ["Next"] = "PullBatch",
            },
            ["Write"] = Task(StepNames.Write, TableParameters(),
                new JsonObject { ["rows_added.$"] = "$.rows_added", ["row_count.$"] = "$.row_count" }, "$.written", "Compact", "WriteFailed"),
            ["Compact"] = Task(StepNames.Compact, TableParameters(), new JsonObject { ["files_after.$"] = "$.files_after" }, "$.compacted", "Index", "CompactFailed"),
            ["Index"] = Task(StepNames.Index, TableParameters(), null, null, string.Empty, "IndexFailed", end: true),
            ["PullBatchFailed"] = Fail(StepNames.PullBatch, perTable: true),
            ["WriteFailed"] = Fail(StepNames.Write, perTable: true),
            ["CompactFailed"] = Fail(StepNames.Compact, perTable: true),
            ["IndexFailed"] = Fail(StepNames.Index, perTable: true),
        };
    }
}
