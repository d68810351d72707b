using System.Text;
using System.Text.Json;
using Hakiri.Model.Manifests;

namespace Hakiri.Steps.Indexing;

/// <summary>
/// The canonical JSON of what a sidecar was built for. A segment whose recorded spec differs from the manifest's is
/// rebuilt; the spec is also how readers learn a segment's analyzer or model without the manifest.
/// </summary>
internal static class IndexSpecs
{
    public const string FullTextKind = "fts";
    public const string VectorKind = "vector";

    public static string FullText(IndexesManifest indexes) => Write(json =>
    {
        json.WriteStartArray("columns");
        foreach (var column in indexes.FullText)
        {
            json.WriteStringValue(column);
        }

        json.WriteEndArray();
        json.WriteString("analyzer", Analyzer(indexes.Analyzer));
    });

    public static string Vector(VectorIndexManifest vector) => Write(json =>
    {
        json.WriteString("column", vector.Column);
        if (vector.Model is { } model)
        {
            json.WriteString("model", model);
        }
        else
        {
            json.WriteNumber("dimensions", vector.Dimensions);
        }

        json.WriteString("metric", Metric(vector.Metric));
    });

    public static string Analyzer(TextAnalyzer analyzer) => analyzer == TextAnalyzer.Simple ? "simple" : "english";

    public static string Metric(VectorMetric metric) => metric switch
    {
        VectorMetric.L2 => "l2",
        VectorMetric.InnerProduct => "inner_product",
        _ => "cosine",
    };

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
