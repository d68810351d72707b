using System.Text.Json;
using Hakiri.DuckDb;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Query;

/// <summary>Writes the reader's current row as a JSON object, with its provenance when the row kept the _hakiri_* columns.</summary>
internal static class RowWriter
{
    public static void Write(Utf8JsonWriter json, DuckDbReader reader, ResultShape shape, IReadOnlyList<TableRecord> sources)
    {
        json.WriteStartObject();
        foreach (var (ordinal, name, _) in shape.Visible)
        {
            json.WritePropertyName(name);
            DuckDbJson.Write(json, reader.IsNull(ordinal) ? null : reader.GetValueOrText(ordinal));
        }

        if (shape.HasProvenance)
        {
            json.WriteStartObject("_provenance");
            // One table read: the row is from it. Several: name the connector only when they all share it.
            if (sources.Count == 1)
            {
                json.WriteString("table", sources[0].Name);
            }

            if (sources.Count > 0 && sources.All(s => s.Connector == sources[0].Connector))
            {
                json.WriteString("connector", sources[0].Connector);
            }

            WriteField(json, reader, "run", shape.RunOrdinal);
            WriteField(json, reader, "source", shape.SourceOrdinal);
            WriteField(json, reader, "record", shape.RecordOrdinal);
            WriteField(json, reader, "ingested_at", shape.IngestedAtOrdinal);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter json, DuckDbReader reader, string name, int ordinal)
    {
        if (ordinal >= 0)
        {
            json.WritePropertyName(name);
            DuckDbJson.Write(json, reader.IsNull(ordinal) ? null : reader.GetValueOrText(ordinal));
        }
    }
}
