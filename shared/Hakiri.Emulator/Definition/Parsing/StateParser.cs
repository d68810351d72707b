using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Payload;

namespace Hakiri.Emulator.Definition.Parsing;

/// <summary>Reads one state of any type, refusing fields the type does not have.</summary>
internal static partial class StateParser
{
    private static readonly string[] Flow = ["Type", "Comment", "QueryLanguage", "Next", "End"];
    private static readonly string[] Io = ["InputPath", "OutputPath"];

    // A Wait state names exactly one of these.
    private static readonly string[] WaitTimes = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];

    // Fields Step Functions knows that the emulator deliberately does not run; named so the message says so.
    private static readonly string[] Unsupported =
    [
        "Assign", "Arguments", "Output", "Items", "ItemReader", "ItemBatcher", "ResultWriter",
        "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label",
    ];

    public static StateDefinition Parse(string name, JsonNode? node, string location)
    {
        if (node is not JsonObject obj)
        {
            throw new AslDefinitionException("A state must be a JSON object.", name, location);
        }

        var reader = new FieldReader(obj, location, name);
        var type = reader.RequireString("Type");
        foreach (var field in Unsupported)
        {
            if (reader.Has(field))
            {
                throw reader.Error($"'{field}' is not supported by the emulator (it runs JSONPath definitions with inline Map states only).", field);
            }
        }

        var language = reader.OptionalString("QueryLanguage");
        if (language is not (null or "JSONPath"))
        {
            throw reader.Error($"QueryLanguage '{language}' is not supported by the emulator; only JSONPath is.", "QueryLanguage");
        }

        return type switch
        {
            "Pass" => Pass(reader),
            "Task" => Task(reader),
            "Choice" => Choice(reader),
            "Wait" => Wait(reader),
            "Succeed" => Succeed(reader),
            "Fail" => Fail(reader),
            "Parallel" => Parallel(reader),
            "Map" => Map(reader),
            _ => throw reader.Error($"'{type}' is not a state type; use Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map.", "Type"),
        };
    }

    private static string[] Fields(params string[][] groups) => [.. groups.SelectMany(g => g)];

    /// <summary>Next or End: exactly one, for the states that move on.</summary>
    private static (string? Next, bool End) Transition(FieldReader reader)
    {
        var next = reader.OptionalString("Next");
        var end = reader.OptionalBool("End") ?? false;
        return (next, end) switch
        {
            (null, false) => throw reader.Error("The state needs either 'Next' or \"End\": true."),
            (not null, true) => throw reader.Error("The state cannot have both 'Next' and \"End\": true."),
            _ => (next, end),
        };
    }

    private static PayloadTemplate? Template(FieldReader reader, string field) =>
        reader.Object.TryGetPropertyValue(field, out var node) ? PayloadTemplate.Compile(node, reader, field) : null;

    private static PayloadTemplate? PathOrCall(FieldReader reader, string field) =>
        reader.Object.TryGetPropertyValue(field, out var node) ? PayloadTemplate.CompileExpression(field, node, reader, field) : null;

    private static PassState Pass(FieldReader reader)
    {
        reader.AllowOnly(Fields(Flow, Io, ["Parameters", "Result", "ResultPath"]), "a Pass state");
        var (next, end) = Transition(reader);
        var hasResult = reader.Object.TryGetPropertyValue("Result", out var result);
        return new PassState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), Next = next, IsEnd = end,
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
            Parameters = Template(reader, "Parameters"), HasResult = hasResult, Result = JsonText.Clone(result),
            ResultPath = reader.DataPath("ResultPath", referenceOnly: true),
        };
    }

    private static ChoiceState Choice(FieldReader reader)
    {
        reader.AllowOnly(["Type", "Comment", "QueryLanguage", "Choices", "Default", "InputPath", "OutputPath"], "a Choice state (it has no Next or End; its rules name the next state)");
        return new ChoiceState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"),
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
            Choices = ChoiceRuleParser.Rules(reader), Default = reader.OptionalString("Default"),
        };
    }

    private static WaitState Wait(FieldReader reader)
    {
        reader.AllowOnly(Fields(Flow, Io, WaitTimes), "a Wait state");
        var (next, end) = Transition(reader);
        var given = WaitTimes.Count(reader.Has);
        if (given != 1)
        {
            throw reader.Error("A Wait state needs exactly one of Seconds, SecondsPath, Timestamp and TimestampPath.");
        }

        DateTimeOffset? timestamp = null;
        if (reader.OptionalString("Timestamp") is { } text)
        {
            timestamp = Timestamps.TryParse(text, out var value)
                ? value
                : throw reader.Error($"'{text}' is not an RFC 3339 timestamp such as 2024-01-31T12:00:00Z.", "Timestamp");
        }

        return new WaitState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), Next = next, IsEnd = end,
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
            Seconds = reader.OptionalInt("Seconds", 0), SecondsPath = reader.ValuePath("SecondsPath"),
            Timestamp = timestamp, TimestampPath = reader.ValuePath("TimestampPath"),
        };
    }

    private static SucceedState Succeed(FieldReader reader)
    {
        reader.AllowOnly(["Type", "Comment", "QueryLanguage", "InputPath", "OutputPath"], "a Succeed state (it ends its branch: no Next or End)");
        return new SucceedState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), IsEnd = true,
            InputPath = reader.DataPath("InputPath", false), OutputPath = reader.DataPath("OutputPath", false),
        };
    }

    private static FailState Fail(FieldReader reader)
    {
        reader.AllowOnly(["Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"], "a Fail state (it ends the execution: no Next, End or paths)");
        reader.Exclusive("Error", "ErrorPath");
        reader.Exclusive("Cause", "CausePath");
        return new FailState
        {
            Name = reader.StateName!, Location = reader.Location, Comment = reader.OptionalString("Comment"), IsEnd = true,
            Error = reader.OptionalString("Error"), ErrorPath = PathOrCall(reader, "ErrorPath"),
            Cause = reader.OptionalString("Cause"), CausePath = PathOrCall(reader, "CausePath"),
        };
    }
}
