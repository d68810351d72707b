namespace Hakiri.Model.Manifests;

/// <summary>A pipeline's <c>source</c> table; the <c>connector</c> key selects the concrete type.</summary>
public abstract record SourceManifest
{
    private protected SourceManifest()
    {
    }

    /// <summary>The connector's name as written in the manifest.</summary>
    public abstract string Connector { get; }
}

/// <summary>The built-in <c>file</c> connector: files matched by a glob, in one format.</summary>
/// <param name="Path">The glob as written, relative to the manifest's directory unless absolute.</param>
/// <param name="Format">The files' format.</param>
/// <param name="OnError">What to do with a malformed row.</param>
public sealed record FileSourceManifest(string Path, FileFormat Format, OnErrorPolicy OnError = OnErrorPolicy.Fail) : SourceManifest
{
    /// <inheritdoc />
    public override string Connector => "file";
}

/// <summary>Formats the <c>file</c> connector reads.</summary>
public enum FileFormat
{
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,

    /// <summary>Newline-delimited JSON: one object per line.</summary>
    Ndjson,

    /// <summary>A JSON array of objects.</summary>
    Json,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}

/// <summary>What a source does with a malformed record.</summary>
public enum OnErrorPolicy
{
    /// <summary>Stop the run with an error naming the file and line; nothing is committed.</summary>
    Fail,

    /// <summary>Skip the record, count it, and report the count in the run's summary.</summary>
    Skip,
}
