using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Binds a source that names a declared WebAssembly connector; every key but <c>connector</c> becomes its config.</summary>
internal static class WasmSourceBinder
{
    public static WasmSourceManifest? Bind(TomlTable table, TomlString connectorNode, ConnectorReference reference, string pipeline, DiagnosticBag diagnostics)
    {
        if (reference.Manifest.Kind == ConnectorKind.Destination)
        {
            diagnostics.Error(connectorNode.Position.Line, connectorNode.Position.Column,
                $"connector '{reference.Name}' of pipeline '{pipeline}' is a destination (kind = \"destination\" in its connector.toml) and cannot read a source",
                "name a source connector here");
            return null;
        }

        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in table.Entries.Where(e => e.Key != "connector"))
        {
            config[entry.Key] = Render(entry.Value);
        }

        return new WasmSourceManifest(reference, config);
    }

    /// <summary>A config value as the connector receives it: strings as they are, other scalars as TOML text, arrays and tables as JSON.</summary>
    internal static string Render(TomlNode value) => value switch
    {
        TomlString s => s.Value,
        TomlInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        TomlFloat f => FloatText(f.Value),
        TomlBoolean b => b.Value ? "true" : "false",
        TomlDateTime d => d.Text,
        _ => Json(value),
    };

    private static string FloatText(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        // A TOML float always shows a fraction or an exponent, so 1.0 stays 1.0 rather than becoming the integer 1.
        _ => value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains('.') || text.Contains('E')) ? text : text + ".0",
    };

    private static string Json(TomlNode value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, TomlNode value)
    {
        switch (value)
        {
            case TomlInteger i:
                writer.WriteNumberValue(i.Value);
                break;
            case TomlFloat f when double.IsFinite(f.Value):
                writer.WriteNumberValue(f.Value);
                break;
            case TomlBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case TomlTable table:
                writer.WriteStartObject();
                foreach (var entry in table.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    WriteJson(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                // Strings, dates and non-finite floats (JSON has no inf or nan) are JSON strings of their TOML text.
                writer.WriteStringValue(Render(value));
                break;
        }
    }
}
