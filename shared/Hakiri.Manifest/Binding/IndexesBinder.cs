using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads a pipeline's <c>indexes</c> table.</summary>
internal static class IndexesBinder
{
    public static IndexesManifest Bind(TomlTable table)
    {
        var fullText = TomlRead.Strings(table, "fts").Select(s => s.Value).ToArray();
        VectorIndexManifest? vector = null;
        if (TomlRead.Table(table, "vector") is { } v && TomlRead.String(v, "column") is { } column && TomlRead.Integer(v, "dimensions") is { } dimensions)
        {
            var metric = TomlRead.String(v, "metric") switch
            {
                "l2" => VectorMetric.L2,
                "inner_product" => VectorMetric.InnerProduct,
                _ => VectorMetric.Cosine,
            };
            vector = new VectorIndexManifest(column, (int)dimensions, metric);
        }

        return new IndexesManifest(fullText, vector);
    }
}
