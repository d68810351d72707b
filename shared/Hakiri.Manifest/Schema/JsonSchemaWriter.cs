using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hakiri.Manifest.Schema;

/// <summary>Writes a <see cref="Shape"/> as a JSON Schema (draft 2020-12) document.</summary>
internal static class JsonSchemaWriter
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    public static string Write(TableShape root, string id, string title)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", Draft);
            writer.WriteString("$id", id);
            writer.WriteString("title", title);
            WriteBody(writer, root);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter writer, Shape shape)
    {
        writer.WriteStartObject();
        WriteBody(writer, shape);
        writer.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter writer, Shape shape)
    {
        writer.WriteString("description", shape.Description);
        switch (shape)
        {
            case StringShape s:
                writer.WriteString("type", "string");
                if (s.Values is { } values)
                {
                    WriteStrings(writer, "enum", values);
                }

                if (s.Pattern is { } pattern)
                {
                    writer.WriteString("pattern", pattern);
                }

                if (s.Default is { } text)
                {
                    writer.WriteString("default", text);
                }

                if (s.Examples is { } examples)
                {
                    WriteStrings(writer, "examples", examples);
                }

                break;
            case ScalarShape:
                // Ajv's strict mode (and some editors) refuse a list of types, so the alternatives are spelt out.
                writer.WritePropertyName("anyOf");
                writer.WriteStartArray();
                foreach (var type in new[] { "string", "integer", "boolean" })
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", type);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case IntegerShape i:
                writer.WriteString("type", "integer");
                writer.WriteNumber("minimum", i.Minimum);
                writer.WriteNumber("maximum", i.Maximum);
                if (i.Default is { } number)
                {
                    writer.WriteNumber("default", number);
                }

                break;
            case BooleanShape b:
                writer.WriteString("type", "boolean");
                if (b.Default is { } flag)
                {
                    writer.WriteBoolean("default", flag);
                }

                break;
            case ArrayShape a:
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                Write(writer, a.Items);
                if (a.MinItems > 0)
                {
                    writer.WriteNumber("minItems", a.MinItems);
                }

                if (a.UniqueItems)
                {
                    writer.WriteBoolean("uniqueItems", true);
                }

                break;
            case TableShape t:
                WriteObject(writer, t);
                break;
            case MapShape m:
                writer.WriteString("type", "object");
                writer.WritePropertyName("propertyNames");
                writer.WriteStartObject();
                writer.WriteString("pattern", m.KeyPattern);
                WriteNotOneOf(writer, m.ReservedKeys);
                writer.WriteEndObject();
                if (m.MinEntries > 0)
                {
                    writer.WriteNumber("minProperties", m.MinEntries);
                }

                writer.WritePropertyName("additionalProperties");
                Write(writer, m.Values);
                break;
            case DictionaryShape d:
                writer.WriteString("type", "object");
                if (d.KeyPattern is { } keyPattern)
                {
                    writer.WritePropertyName("propertyNames");
                    writer.WriteStartObject();
                    writer.WriteString("pattern", keyPattern);
                    writer.WriteEndObject();
                }

                writer.WritePropertyName("additionalProperties");
                Write(writer, d.Values);
                break;
            case UnionShape u:
                writer.WriteString("type", "object");
                WriteStrings(writer, "required", [u.Discriminator]);
                writer.WritePropertyName("oneOf");
                writer.WriteStartArray();
                foreach (var variant in u.Variants.Values)
                {
                    Write(writer, variant);
                }

                if (u.Open is { } open)
                {
                    WriteOpenVariant(writer, u, open);
                }

                writer.WriteEndArray();
                break;
            case ArrayOrTableShape e:
                writer.WritePropertyName("oneOf");
                writer.WriteStartArray();
                Write(writer, e.Short);
                Write(writer, e.Long);
                writer.WriteEndArray();
                break;
            case RetiredShape:
                // The empty schema's negation accepts nothing: the key is refused whatever its value.
                writer.WritePropertyName("not");
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
        }
    }

    // The schema cannot check that the name is declared under [connectors]; it checks everything else the loader does:
    // the name's syntax, that it is no built-in (so the fixed variants stay exclusive), and nothing about the config.
    private static void WriteOpenVariant(Utf8JsonWriter writer, UnionShape union, OpenVariantShape open)
    {
        writer.WriteStartObject();
        writer.WriteString("description", open.Description);
        writer.WriteString("type", "object");
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        writer.WritePropertyName(union.Discriminator);
        writer.WriteStartObject();
        writer.WriteString("description", $"The name of a [{union.Discriminator}s.NAME] table of the manifest.");
        writer.WriteString("type", "string");
        writer.WriteString("pattern", open.Pattern);
        WriteNotOneOf(writer, [.. union.Variants.Keys]);
        writer.WriteEndObject();
        writer.WriteEndObject();
        WriteStrings(writer, "required", [union.Discriminator]);
        writer.WritePropertyName("additionalProperties");
        writer.WriteStartObject();
        writer.WriteString("description", open.ConfigDescription);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNotOneOf(Utf8JsonWriter writer, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WritePropertyName("not");
        writer.WriteStartObject();
        WriteStrings(writer, "enum", values);
        writer.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter writer, TableShape table)
    {
        writer.WriteString("type", "object");
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        foreach (var field in table.Fields)
        {
            writer.WritePropertyName(field.Key);
            Write(writer, field.Shape);
        }

        writer.WriteEndObject();
        var required = table.Fields.Where(f => f.Required).Select(f => f.Key).ToArray();
        if (required.Length > 0)
        {
            WriteStrings(writer, "required", required);
        }

        var dependents = table.Fields.Where(f => f.Requires is not null).ToArray();
        if (dependents.Length > 0)
        {
            writer.WritePropertyName("dependentRequired");
            writer.WriteStartObject();
            foreach (var field in dependents)
            {
                WriteStrings(writer, field.Key, [field.Requires!]);
            }

            writer.WriteEndObject();
        }

        writer.WriteBoolean("additionalProperties", false);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
