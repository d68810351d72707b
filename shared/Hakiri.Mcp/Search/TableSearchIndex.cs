using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;
using Hakiri.Search.Vectors;

namespace Hakiri.Mcp.Search;

/// <summary>The opened sidecars of one table as of one catalog check, with what they were built for.</summary>
internal sealed class TableSearchIndex(
    string table,
    IReadOnlyList<IndexSegment<FtsSegment>> fullText,
    IReadOnlyList<IndexSegment<VectorSegment>> vectors,
    TextAnalyzer analyzer,
    string? model,
    int liveFiles)
{
    public string Table => table;

    public IReadOnlyList<IndexSegment<FtsSegment>> FullText => fullText;

    public IReadOnlyList<IndexSegment<VectorSegment>> Vectors => vectors;

    public TextAnalyzer Analyzer => analyzer;

    /// <summary>The embedding model of the vectors (<see langword="null"/>: the column holds stored embeddings).</summary>
    public string? Model => model;

    /// <summary>Live data files of the table; a kind with fewer segments does not cover every row yet.</summary>
    public int LiveFiles => liveFiles;
}
