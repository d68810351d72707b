using System.Buffers;
using System.Text.Json;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Search;

/// <summary>Adds the <c>search</c> object (plan chosen, statistics, notes) to a query's JSON answer.</summary>
internal static class SearchOutput
{
    public static byte[] Attach(byte[] answer, SearchInfo info)
    {
        using var document = JsonDocument.Parse(answer);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Options))
        {
            json.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                property.WriteTo(json);
            }

            json.WriteStartObject("search");
            json.WriteString("plan", info.Plan);
            if (info.FilterRows is { } rows)
            {
                json.WriteNumber("filter_rows", rows);
                if (info.FilterRowsEstimated)
                {
                    json.WriteBoolean("filter_rows_estimated", true);
                }
            }

            json.WriteNumber("candidates", info.Candidates);
            json.WriteNumber("rounds", info.Rounds);
            if (info.Model is not null)
            {
                json.WriteString("model", info.Model);
            }

            json.WriteString("scores", "_score ranks the rows (BM25 for search alone, similarity for similar_to alone, reciprocal rank fusion of both when both are given); _bm25 and _similarity are the parts, null where that part did not rank the row.");
            if (info.Notes.Count > 0)
            {
                json.WriteStartArray("notes");
                foreach (var note in info.Notes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
