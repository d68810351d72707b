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

    // The numbers live in StepRetryPolicy, which the Durable orchestrator applies too.
    private static JsonArray Retries() => new([.. StepRetryPolicy.Rules.Select(r => (JsonNode?)Retrier(r))]);

    private static JsonObject Retrier(StepRetryRule rule)
    {
        var retrier = new JsonObject
        {
            ["ErrorEquals"] = Strings([.. rule.Errors]),
            ["IntervalSeconds"] = (int)rule.Interval.TotalSeconds,
        };
        if (rule.BackoffRate is { } rate)
        {
            retrier["BackoffRate"] = rate;
        }

        retrier["MaxAttempts"] = rule.MaxAttempts;
        if (rule.MaxDelay is { } max)
        {
            retrier["MaxDelaySeconds"] = (int)max.TotalSeconds;
        }

        if (rule.FullJitter)
        {
            retrier["JitterStrategy"] = "FULL";
        }

        return retrier;
    }

    public static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Parameters that pass the table identity through: run_id, pipeline, table from the state.</summary>
    public static JsonObject TableParameters() => new()
    {
        ["run_id.$"] = "$.run_id",
        ["pipeline.$"] = "$.pipeline",
        ["table.$"] = "$.table",
    };
}
