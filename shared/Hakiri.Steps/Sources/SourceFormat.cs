using Hakiri.Model.Manifests;

namespace Hakiri.Steps.Sources;

/// <summary>How the readers take one source file or object: its format, what a malformed row does, and what to call it in errors.</summary>
internal sealed record SourceFormat(FileFormat Format, OnErrorPolicy OnError, string Noun)
{
    public static SourceFormat Of(SourceManifest source) => source switch
    {
        FileSourceManifest file => new(file.Format, file.OnError, "file"),
        S3SourceManifest s3 => new(s3.Format, s3.OnError, "object"),
        _ => throw new ArgumentException($"The {source.Connector} connector is not read as files.", nameof(source)),
    };
}
