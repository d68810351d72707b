using System.Text.Json;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Tools;

/// <summary>A tool call's arguments, read with messages that tell the agent exactly which argument to fix.</summary>
internal sealed class ToolArguments(string tool, IDictionary<string, JsonElement>? arguments)
{
    private readonly IDictionary<string, JsonElement> _arguments = arguments ?? new Dictionary<string, JsonElement>();

    /// <summary>Fails on any argument not named, so a misspelt one is not silently ignored.</summary>
    public void Only(params string[] accepted)
    {
        foreach (var name in _arguments.Keys.Where(k => !accepted.Contains(k, StringComparer.Ordinal)))
        {
            var known = accepted.Length == 0 ? "it takes no arguments" : "it takes " + string.Join(", ", accepted.Select(a => $"'{a}'"));
            throw new ToolErrorException($"{tool} has no argument '{name}': {known}.");
        }
    }

    public JsonElement? Get(string name) =>
        _arguments.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    public string? String(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new ToolErrorException($"'{name}' must be a string."),
    };

    public string RequiredString(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new ToolErrorException($"{tool} needs '{name}'.");

    public int Integer(string name, int fallback, int min, int max)
    {
        if (Get(name) is not { } value)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw new ToolErrorException($"'{name}' must be a whole number from {min} to {max}.");
        }

        return number;
    }

    public IReadOnlyList<string> Strings(string name) => Get(name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
            list.EnumerateArray().Select(i => i.GetString()!).ToArray(),
        { ValueKind: JsonValueKind.String } single => [single.GetString()!],
        _ => throw new ToolErrorException($"'{name}' must be a list of strings."),
    };
}
