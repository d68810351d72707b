using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hakiri.Emulator.Json;

/// <summary>JSON text as Step Functions writes it: compact, with only the escapes JSON requires.</summary>
internal static class JsonText
{
    // Step Functions keeps quotes, '<' and non-ASCII text as is; the default encoder would turn them into \u escapes.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 256 };

    /// <summary>The compact JSON text of a value; <c>null</c> for JSON null.</summary>
    public static string Write(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses JSON text; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static JsonNode? Parse(string text) => JsonNode.Parse(text, documentOptions: ReadOptions);

    /// <summary>The number as written in JSON text, for numbers that must not lose precision.</summary>
    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue && node.GetValueKind() == JsonValueKind.Number
            && double.TryParse(Write(node), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when the node is a JSON string; returns it.</summary>
    public static bool TryGetString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && node.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        return false;
    }

    /// <summary>True when the node is a JSON boolean; returns it.</summary>
    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        value = false;
        var kind = node?.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            value = kind == JsonValueKind.True;
            return true;
        }

        return false;
    }

    /// <summary>A deep copy: nodes belong to one parent, and states must never share mutable trees.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    /// <summary>
    /// Builds every lazily parsed level of a tree. Parsed nodes create their children on first read, which is not
    /// safe from several threads; a tree that concurrent Map iterations read must be built out first.
    /// </summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }

    /// <summary>The node itself when it has no parent, else a copy: a node can live in one tree only.</summary>
    public static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    /// <summary>A short, single-line rendering of a value for error causes.</summary>
    public static string Describe(JsonNode? node)
    {
        var text = Write(node);
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }

    /// <summary>The JSON type name of a value, as error messages use it.</summary>
    public static string KindName(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "boolean",
    };
}
