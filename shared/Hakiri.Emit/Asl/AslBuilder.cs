using System.Text.Json.Nodes;
using Hakiri.Model.Steps;

namespace Hakiri.Emit.Asl;

/// <summary>Small constructors for ASL fragments, so the state machine reads as the shape it emits.</summary>
internal static class AslBuilder
{
    public static JsonObject Task(string step, JsonObject parameters, JsonObject? resultSelector, string? resultPath, string next, string failState, bool end = false)
    {
        var state = new JsonObject
        {
            ["Type"] = "Task",
            ["Comment"] = $"The {step} step.",
            ["Resource"] = StepResources.Placeholder(step),
            ["Parameters"] = parameters,
        };
        if (resultSelector is not null)
        {
            state["ResultSelector"] = resultSelector;
        }

        state["ResultPath"] = resultPath;
        state["TimeoutSeconds"] = 900;
        state["Retry"] = Retries();
        state["Catch"] = new JsonArray(new JsonObject
        {
            ["ErrorEquals"] = Strings("States.ALL"),
            ["ResultPath"] = "$.error",
            ["Next"] = failState,
        });
        if (end)
        {
            state["End"] = true;
        }
        else
        {
            state["Next"] = next;
        }

        return state;
    }

    /// <summary>A Fail state whose cause names the step and the table, then the step's own cause.</summary>
    public static JsonObject Fail(string step, bool perTable) => new()
    {
        ["Type"] = "Fail",
        ["Comment"] = $"The {step} step failed after its retries.",
        ["ErrorPath"] = "$.error.Error",
        ["CausePath"] = perTable
            ? $"States.Format('{step} failed for table {{}}: {{}}', $.table, $.error.Cause)"
            : $"States.Format('{step} failed: {{}}', $.error.Cause)",
    };

    // Rate limits back off longest; transient faults (ours, Lambda's, timeouts) retry a few times with jitter;
    // expired credentials get one retry, by which time the host has refreshed them. Anything else fails at once.
    private static JsonArray Retries() => new(
        new JsonObject
        {
            ["ErrorEquals"] = Strings(StepErrors.RateLimited),
            ["IntervalSeconds"] = 5,
            ["BackoffRate"] = 2.0,
            ["MaxAttempts"] = 6,
            ["MaxDelaySeconds"] = 300,
            ["JitterStrategy"] = "FULL",
        },
        new JsonObject
        {
            ["ErrorEquals"] = Strings([StepErrors.Transient, .. StepErrors.LambdaTransient, "States.Timeout"]),
            ["IntervalSeconds"] = 2,
            ["BackoffRate"] = 2.0,
            ["MaxAttempts"] = 4,
            ["MaxDelaySeconds"] = 60,
            ["JitterStrategy"] = "FULL",
        },
        new JsonObject
        {
            ["ErrorEquals"] = Strings(StepErrors.AuthExpired),
            ["IntervalSeconds"] = 1,
            ["MaxAttempts"] = 1,
        });

    public static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Parameters that pass the table identity through: run_id, pipeline, table from the state.</summary>
    public static JsonObject TableParameters() => new()
    {
        ["run_id.$"] = "$.run_id",
        ["pipeline.$"] = "$.pipeline",
        ["table.$"] = "$.table",
    };
}
