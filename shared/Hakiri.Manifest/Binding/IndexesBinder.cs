using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>
/// Reads a pipeline's <c>indexes</c> table: <c>fts</c> as a list of columns or a table with <c>columns</c> and
/// <c>analyzer</c>; <c>vector</c> over a text column with a <c>model</c>, or over stored embeddings with <c>dimensions</c>.
/// </summary>
internal static class IndexesBinder
{
    public static IndexesManifest Bind(TomlTable table, string pipeline, DiagnosticBag diagnostics)
    {
        var (fullText, analyzer) = table["fts"] switch
        {
            TomlArray array => (array.OfType<TomlString>().Select(s => s.Value).ToArray(), TextAnalyzer.English),
            TomlTable fts => (TomlRead.Strings(fts, "columns").Select(s => s.Value).ToArray(),
                TomlRead.String(fts, "analyzer") == "simple" ? TextAnalyzer.Simple : TextAnalyzer.English),
            _ => (Array.Empty<string>(), TextAnalyzer.English),
        };

        VectorIndexManifest? vector = null;
        if (TomlRead.Table(table, "vector") is { } v && TomlRead.String(v, "column") is { } column)
        {
            var metric = TomlRead.String(v, "metric") switch
            {
                "l2" => VectorMetric.L2,
                "inner_product" => VectorMetric.InnerProduct,
                _ => VectorMetric.Cosine,
            };
            var model = TomlRead.StringNode(v, "model");
            var dimensions = TomlRead.Integer(v, "dimensions");
            var where = $"[pipelines.{pipeline}.indexes] vector";
            if (model is not null && dimensions is not null)
            {
                diagnostics.Error(model.Position.Line, model.Position.Column,
                    $"{where} has both model and dimensions: model embeds a text column, dimensions describes a column that already holds embeddings",
                    "keep model (the model decides the dimensions) or keep dimensions");
            }
            else if (model is null && dimensions is null)
            {
                var at = TomlRead.StringNode(v, "column")!.Position;
                diagnostics.Error(at.Line, at.Column,
                    $"{where} over '{column}' says neither how to embed it nor how long its embeddings are",
                    "add model = \"all-MiniLM-L6-v2\" to embed a text column, or dimensions = <n> if the column already holds embeddings");
            }
            else
            {
                vector = new VectorIndexManifest(column, (int)(dimensions ?? 0), metric) { Model = Canonical(model?.Value) };
            }
        }

        return new IndexesManifest(fullText, vector) { Analyzer = analyzer };
    }

    // The model is stored with every vector: one spelling per model, so renaming it in the manifest does not re-embed.
    internal static string? Canonical(string? model) =>
        model is "sentence-transformers/all-MiniLM-L6-v2" ? "all-MiniLM-L6-v2" : model;
}
