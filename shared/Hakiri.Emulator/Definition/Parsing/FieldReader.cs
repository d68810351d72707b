using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Definition.Parsing;

/// <summary>Reads typed fields of one JSON object of a definition, failing with the state name and location.</summary>
internal sealed class FieldReader(JsonObject obj, string location, string? stateName)
{
    public JsonObject Object => obj;

    public string Location => location;

    public string? StateName => stateName;

    public AslDefinitionException Error(string message, string? field = null) =>
        new(message, stateName, field is null ? NullIfEmpty(location) : Combine(location, field));

    public FieldReader Child(JsonObject child, string childLocation) => new(child, Combine(location, childLocation), stateName);

    public static string Combine(string location, string field) => location.Length == 0 ? field : $"{location}.{field}";

    private static string? NullIfEmpty(string location) => location.Length == 0 ? null : location;

    public bool Has(string field) => obj.ContainsKey(field);

    public void AllowOnly(IReadOnlyCollection<string> allowed, string what)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name))
            {
                throw Error($"The field '{name}' is not supported in {what}. Supported fields: {string.Join(", ", allowed)}.", name);
            }
        }
    }

    public void Exclusive(string first, string second)
    {
        if (Has(first) && Has(second))
        {
            throw Error($"'{first}' and '{second}' cannot both be set.");
        }
    }

    public string RequireString(string field) =>
        OptionalString(field) ?? throw Error($"The field '{field}' is required.", field);

    public string? OptionalString(string field)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        return JsonText.TryGetString(node, out var text) ? text : throw Error($"'{field}' must be a string.", field);
    }

    public bool? OptionalBool(string field)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        return JsonText.TryGetBoolean(node, out var value) ? value : throw Error($"'{field}' must be true or false.", field);
    }

    public double? OptionalNumber(string field, double min)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (!JsonText.TryGetDouble(node, out var value) || value < min)
        {
            throw Error($"'{field}' must be a number of at least {min}.", field);
        }

        return value;
    }

    public int? OptionalInt(string field, int min, int max = 99_999_999)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (!JsonText.TryGetDouble(node, out var value) || value != Math.Floor(value) || value < min || value > max)
        {
            throw Error($"'{field}' must be an integer from {min} to {max}.", field);
        }

        return (int)value;
    }

    public JsonObject RequireObject(string field) =>
        OptionalObject(field) ?? throw Error($"The field '{field}' is required.", field);

    public JsonObject? OptionalObject(string field)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        return node as JsonObject ?? throw Error($"'{field}' must be an object.", field);
    }

    public JsonArray RequireArray(string field, bool nonEmpty)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            throw Error($"The field '{field}' is required.", field);
        }

        var array = node as JsonArray ?? throw Error($"'{field}' must be an array.", field);
        return nonEmpty && array.Count == 0 ? throw Error($"'{field}' must not be empty.", field) : array;
    }

    /// <summary>InputPath/OutputPath style: absent means <c>$</c>, JSON null means "nothing" (<see langword="null"/>).</summary>
    public JsonPath? DataPath(string field, bool referenceOnly)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return JsonPath.Root;
        }

        if (node is null)
        {
            return null;
        }

        var path = Path(field, node, allowContext: false);
        return referenceOnly && !path.IsDefinite
            ? throw Error($"'{field}' must be a Reference Path (names and indexes only), not '{path.Text}'.", field)
            : path;
    }

    /// <summary>A path field that reads a value (SecondsPath, Variable…); <c>$$</c> paths are allowed.</summary>
    public JsonPath? ValuePath(string field)
    {
        if (!obj.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        return Path(field, node, allowContext: true);
    }

    public JsonPath Path(string field, JsonNode? node, bool allowContext)
    {
        if (!JsonText.TryGetString(node, out var text))
        {
            throw Error($"'{field}' must be a path string.", field);
        }

        if (!JsonPath.TryParse(text, out var path, out var problem))
        {
            throw Error($"'{text}' is not a valid path: {problem}.", field);
        }

        return !allowContext && path.IsContext
            ? throw Error($"'{field}' cannot read the context object ('{text}').", field)
            : path;
    }

    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;
}
