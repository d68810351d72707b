using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition.States;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Definition.Parsing;

/// <summary>Reads a whole definition and checks that its states connect: targets exist, all are reachable, one ends.</summary>
internal static class DefinitionParser
{
    private const int MaxNameLength = 80;

    public static StateMachineDefinition Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonText.Parse(json);

            // Parsed objects index their keys on first read; reading them all now turns a duplicate key into a definition error.
            JsonText.Materialize(root);
        }
        catch (JsonException e)
        {
            throw new AslDefinitionException($"The definition is not valid JSON: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new AslDefinitionException($"The key '{DuplicateKey(e.Message)}' appears twice in one object of the definition.");
        }

        if (root is not JsonObject obj)
        {
            throw new AslDefinitionException("The definition must be a JSON object with StartAt and States.");
        }

        var reader = new FieldReader(obj, "", null);
        reader.AllowOnly(["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"], "a state machine definition");
        var language = reader.OptionalString("QueryLanguage");
        if (language is not (null or "JSONPath"))
        {
            throw reader.Error($"QueryLanguage '{language}' is not supported by the emulator; only JSONPath definitions run locally.", "QueryLanguage");
        }

        return new StateMachineDefinition(
            Scope(reader),
            reader.OptionalString("Comment"),
            reader.OptionalInt("TimeoutSeconds", 1),
            reader.OptionalString("Version"));
    }

    // The runtime names the key only inside its message: "… has already been added. Key: StartAt (Parameter 'key')".
    private static string DuplicateKey(string message)
    {
        var start = message.IndexOf("Key: ", StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        var key = message[(start + 5)..];
        var end = key.LastIndexOf(" (", StringComparison.Ordinal);
        return end < 0 ? key : key[..end];
    }

    /// <summary>Reads StartAt and States of the machine, a branch or an item processor.</summary>
    public static StateScope Scope(FieldReader reader)
    {
        var startAt = reader.RequireString("StartAt");
        var statesObject = reader.RequireObject("States");
        if (statesObject.Count == 0)
        {
            throw reader.Error("'States' must hold at least one state.", "States");
        }

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, node) in statesObject)
        {
            var location = FieldReader.Combine(reader.Location, $"States.{name}");
            if (name.Length is 0 or > MaxNameLength)
            {
                throw new AslDefinitionException($"A state name must have 1 to {MaxNameLength} characters.", name, location);
            }

            states[name] = StateParser.Parse(name, node, location);
        }

        if (!states.ContainsKey(startAt))
        {
            throw reader.Error($"StartAt names '{startAt}', which is not a state here. States: {string.Join(", ", states.Keys)}.", "StartAt");
        }

        CheckTransitions(states);
        CheckReachable(startAt, states, reader);
        if (!states.Values.Any(s => s.IsEnd))
        {
            throw reader.Error("No state ends the execution: add \"End\": true, a Succeed state or a Fail state.", "States");
        }

        return new StateScope(startAt, states);
    }

    private static void CheckTransitions(Dictionary<string, StateDefinition> states)
    {
        foreach (var state in states.Values)
        {
            foreach (var target in state.Transitions)
            {
                if (!states.ContainsKey(target))
                {
                    throw new AslDefinitionException(
                        $"It moves to '{target}', which is not a state in the same state machine or branch (transitions cannot cross into or out of Parallel branches and Map processors).",
                        state.Name,
                        state.Location);
                }
            }
        }
    }

    private static void CheckReachable(string startAt, Dictionary<string, StateDefinition> states, FieldReader reader)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var pending = new Stack<string>([startAt]);
        while (pending.TryPop(out var name))
        {
            foreach (var target in states[name].Transitions)
            {
                if (seen.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        var unreachable = states.Keys.Where(n => !seen.Contains(n)).ToList();
        if (unreachable.Count > 0)
        {
            throw reader.Error($"These states cannot be reached from '{startAt}': {string.Join(", ", unreachable)}.", "States");
        }
    }
}
