using System.Text;
using System.Text.Json;
using Hakiri.Model.Manifests;

namespace Hakiri.Steps.Indexing;

/// <summary>
/// The table guide the catalog keeps for servers: the pipeline's <c>agent_description</c> and its declared indexes, as
/// one JSON document (<c>{"text", "examples", "columns", "indexes": {"fts", "vector"}}</c>).
/// </summary>
internal static class TableGuide
{
    public static string For(PipelineManifest pipeline)
    {
        var description = pipeline.AgentDescription;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("text", description.Text);
            json.WriteStartArray("examples");
            foreach (var example in description.Examples)
            {
                json.WriteStringValue(example);
            }

            json.WriteEndArray();
            json.WriteStartObject("columns");
            foreach (var (column, text) in description.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WriteString(column, text);
            }

            json.WriteEndObject();
            json.WriteStartObject("indexes");
            if (pipeline.Indexes.FullText.Count > 0)
            {
                json.WritePropertyName("fts");
                json.WriteRawValue(IndexSpecs.FullText(pipeline.Indexes));
            }

            if (pipeline.Indexes.Vector is { } vector)
            {
                json.WritePropertyName("vector");
                json.WriteRawValue(IndexSpecs.Vector(vector));
            }

            json.WriteEndObject();
            WriteZones(json, pipeline);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // The inference zone policy servers enforce (docs/access-control.md): present only when the pipeline sets one, so
    // guides of pipelines without zones stay as they were.
    private static void WriteZones(Utf8JsonWriter json, PipelineManifest pipeline)
    {
        var columns = pipeline.Columns.Where(c => c.Value.ZonesAllowed is not null).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        if (pipeline.InferenceZoneAllowed is null && columns.Count == 0)
        {
            return;
        }

        json.WriteStartObject("zones");
        if (pipeline.InferenceZoneAllowed is { } table)
        {
            WriteList(json, "table", table);
        }

        json.WriteStartObject("columns");
        foreach (var (column, settings) in columns)
        {
            WriteList(json, column, settings.ZonesAllowed!);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
