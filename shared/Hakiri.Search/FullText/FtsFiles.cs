namespace Hakiri.Search.FullText;

/// <summary>The names of a full-text sidecar's files (docs/index-fulltext.md describes them).</summary>
public static class FtsFiles
{
    /// <summary>The version of the layout below, written in the metadata and the accelerator.</summary>
    public const int FormatVersion = 1;

    /// <summary>Term dictionary: term, document frequency; sorted by term.</summary>
    public const string Terms = "terms.parquet";

    /// <summary>Postings: term, row, tf, positions; sorted by term then row.</summary>
    public const string Postings = "postings.parquet";

    /// <summary>Document lengths: row, length in terms.</summary>
    public const string Documents = "documents.parquet";

    /// <summary>One row of segment metadata: format version, analyzer, documents, total length, terms, postings.</summary>
    public const string Segment = "segment.parquet";

    /// <summary>The binary accelerator searches read; derived from the Parquet files and rebuilt from them when missing.</summary>
    public const string Accelerator = "postings.idx";

    /// <summary>Every file the sidecar writes.</summary>
    public static IReadOnlyList<string> All { get; } = [Terms, Postings, Documents, Segment, Accelerator];
}
