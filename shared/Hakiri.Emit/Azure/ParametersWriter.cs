using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hakiri.Emit.Azure;

/// <summary>Writes <see cref="AzureParameters"/> as an ARM deployment parameters file (<c>main.parameters.json</c>).</summary>
public static class ParametersWriter
{
    /// <summary>The schema of ARM deployment parameter files.</summary>
    public const string Schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";

    /// <summary>The parameters file text: indented, in the module's parameter order, ending with a newline.</summary>
    public static string Write(AzureParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("contentVersion", "1.0.0.0");
            json.WriteStartObject("parameters");
            Value(json, "projectName", parameters.ProjectName);
            Value(json, "stage", parameters.Stage);
            Value(json, "storeContainer", parameters.StoreContainer);
            Value(json, "storePrefix", parameters.StorePrefix);
            json.WriteStartObject("schedules");
            json.WriteStartArray("value");
            foreach (var schedule in parameters.Schedules)
            {
                json.WriteStartObject();
                json.WriteString("pipeline", schedule.Pipeline);
                json.WriteString("expression", schedule.Expression);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Value(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject(name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
