namespace Hakiri.Search.FullText;

/// <summary>An opened full-text sidecar (OWNED BY THE FULL-TEXT HELPER: public members are the contract). Thread-safe for searches.</summary>
public sealed class FtsSegment : IDisposable
{
    private FtsSegment()
    {
    }

    /// <summary>Rows in the segment.</summary>
    public long DocumentCount { get; }

    /// <summary>Sum of the rows' lengths in terms.</summary>
    public long TotalLength { get; }

    /// <summary>The analyzer the segment was built with.</summary>
    public Hakiri.Model.Manifests.TextAnalyzer Analyzer { get; }

    /// <summary>Opens the sidecar written by <see cref="FtsSegmentWriter.Write"/> into <paramref name="directory"/>.</summary>
    public static FtsSegment Open(string directory) => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
