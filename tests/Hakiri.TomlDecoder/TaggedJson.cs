using System.Globalization;
using System.Text;
using System.Text.Json;
using Hakiri.Toml;

namespace Hakiri.TomlDecoder;

/// <summary>Writes a TOML tree in toml-test's tagged JSON: every leaf as <c>{"type": …, "value": "…"}</c>.</summary>
public static class TaggedJson
{
    /// <summary>Encodes <paramref name="table"/> as indented tagged JSON.</summary>
    public static string Encode(TomlTable table)
    {
        using var stream = new MemoryStream();
        Write(stream, table);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes <paramref name="table"/> as indented tagged JSON to <paramref name="output"/>.</summary>
    public static void Write(Stream output, TomlTable table)
    {
        // Non-ASCII stays readable; the JSON is for a test harness, not for embedding in HTML.
        var options = new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new Utf8JsonWriter(output, options);
        WriteNode(writer, table);
    }

    private static void WriteNode(Utf8JsonWriter writer, TomlNode node)
    {
        switch (node)
        {
            case TomlTable table:
                writer.WriteStartObject();
                foreach (var entry in table.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    WriteNode(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                var (type, value) = Tag(node);
                writer.WriteStartObject();
                writer.WriteString("type", type);
                writer.WriteString("value", value);
                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>The toml-test type name and value text of a leaf.</summary>
    public static (string Type, string Value) Tag(TomlNode node) => node switch
    {
        TomlString s => ("string", s.Value),
        TomlInteger i => ("integer", i.Value.ToString(CultureInfo.InvariantCulture)),
        TomlFloat f => ("float", FormatFloat(f.Value)),
        TomlBoolean b => ("bool", b.Value ? "true" : "false"),
        TomlDateTime { Kind: TomlKind.OffsetDateTime } d => ("datetime", d.Text),
        TomlDateTime { Kind: TomlKind.LocalDateTime } d => ("datetime-local", d.Text),
        TomlDateTime { Kind: TomlKind.LocalDate } d => ("date-local", d.Text),
        TomlDateTime d => ("time-local", d.Text),
        _ => throw new ArgumentException($"A {node.TypeName} is not a leaf value.", nameof(node)),
    };

    private static string FormatFloat(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
