using System.Buffers;
using System.Text.Json;
using Hakiri.Access.Zones;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Says what the caller's inference zone withheld: a <c>withheld</c> array of <c>{table, column?, allowed, caller_zone,
/// note}</c> in every answer that touched withheld data, so nothing is withheld silently.
/// </summary>
internal static class WithheldOutput
{
    /// <summary>Writes the <c>withheld</c> array (nothing when <paramref name="withheld"/> is empty).</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ZoneWithholding> withheld)
    {
        if (withheld.Count == 0)
        {
            return;
        }

        json.WriteStartArray("withheld");
        foreach (var item in withheld)
        {
            json.WriteStartObject();
            json.WriteString("table", item.Table);
            if (item.Column is not null)
            {
                json.WriteString("column", item.Column);
            }

            json.WriteStartArray("allowed");
            foreach (var zone in item.Allowed)
            {
                json.WriteStringValue(zone);
            }

            json.WriteEndArray();
            json.WriteString("caller_zone", item.CallerZone);
            json.WriteString("note", item.Sentence());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Adds the <c>withheld</c> array to a JSON answer object; returns it unchanged when nothing was withheld.</summary>
    public static byte[] Attach(byte[] answer, IReadOnlyList<ZoneWithholding> withheld)
    {
        if (withheld.Count == 0)
        {
            return answer;
        }

        using var document = JsonDocument.Parse(answer);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                property.WriteTo(json);
            }

            Write(json, withheld);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
