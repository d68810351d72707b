using System.Security.Cryptography;
using System.Text;
using Hakiri.DuckDb;
using Hakiri.Embeddings;
using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;
using Hakiri.Search.Vectors;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Memory;

/// <summary>
/// The memory table's sidecars, built from the same building blocks as the index step: a full-text segment of
/// <c>text</c> and <c>tags</c> per data file, and a vector segment of <c>text</c> when an embedding model is configured.
/// </summary>
internal sealed class MemoryIndexer(StoreLayout layout, IEmbeddingProvider? embedder, string? model)
{
    public const string FullTextSpec = """{"columns":["text","tags"],"analyzer":"english"}""";

    public string? VectorSpec => model is null ? null : $$"""{"column":"text","model":"{{model}}","metric":"cosine"}""";

    /// <summary>The table guide servers show agents: what memory is and which indexes it has.</summary>
    public string Guide() =>
        "{\"text\":\"Notes and facts agents chose to remember (memory.write). Search them with memory.search.\",\"examples\":[],\"columns\":{},\"indexes\":{\"fts\":"
        + FullTextSpec + (VectorSpec is { } v ? ",\"vector\":" + v : string.Empty) + "}}";

    /// <summary>Builds the segments of one data file (relative path) under build id <paramref name="build"/>.</summary>
    public async Task<List<IndexSegmentRecord>> BuildAsync(DuckDbConnection reader, DuckDbConnection scratch, string dataPath, string build, CancellationToken cancellationToken)
    {
        var rows = Read(reader, layout.Absolute(dataPath));
        var added = new List<IndexSegmentRecord>();
        var ftsPath = StoreLayout.IndexSegment(dataPath, "fts", build);
        var fts = FtsSegmentWriter.Write(layout.Absolute(ftsPath), rows.ConvertAll(r => new FtsDocument(r.Row, [r.Text, r.Tags])), TextAnalyzer.English, scratch);
        added.Add(new IndexSegmentRecord(dataPath, "fts", MemoryTable.Name, ftsPath, FullTextSpec, fts.Documents, fts.Bytes, build));
        if (embedder is null || VectorSpec is not { } spec)
        {
            return added;
        }

        var texts = rows.FindAll(r => !string.IsNullOrWhiteSpace(r.Text));
        if (texts.Count == 0)
        {
            return added;
        }

        float[][] vectors;
        try
        {
            vectors = await embedder.EmbedAsync(texts.ConvertAll(r => r.Text!).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (EmbeddingException)
        {
            // The rows are committed and found by full text; their vectors wait for the next rewrite of the file.
            return added;
        }

        var vectorRows = new List<VectorRow>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            vectorRows.Add(new VectorRow(texts[i].Row, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(texts[i].Text!))), vectors[i]));
        }

        var vectorPath = StoreLayout.IndexSegment(dataPath, "vector", build);
        var stats = VectorSegmentWriter.Write(layout.Absolute(vectorPath), vectorRows, vectors[0].Length, VectorMetric.Cosine, model!, scratch);
        added.Add(new IndexSegmentRecord(dataPath, "vector", MemoryTable.Name, vectorPath, spec, stats.Vectors, stats.Bytes, build));
        return added;
    }

    private static List<(long Row, string? Text, string? Tags)> Read(DuckDbConnection connection, string file)
    {
        var rows = new List<(long, string?, string?)>();
        using var reader = connection.Query(
            $"SELECT file_row_number, text, array_to_string(tags, ' ') FROM read_parquet({Sql.Literal(file)}, file_row_number = true) ORDER BY file_row_number");
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.IsNull(1) ? null : reader.GetString(1), reader.IsNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }
}
