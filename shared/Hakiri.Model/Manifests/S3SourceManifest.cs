namespace Hakiri.Model.Manifests;

/// <summary>
/// The built-in <c>s3</c> connector: objects of a bucket under a prefix or matched by a glob, in one format — the
/// file connector over an object store. Objects are the batches; an object whose ETag changed replaces its rows.
/// </summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefix">The key prefix listed (empty: the whole bucket); with <see cref="Glob"/>, the glob's literal start.</param>
/// <param name="Glob">A glob over keys (<c>events/**/*.ndjson</c>), or <see langword="null"/> for every key under <see cref="Prefix"/>.</param>
/// <param name="Format">The objects' format.</param>
/// <param name="Region">The bucket's region, or <see langword="null"/> for the environment's.</param>
/// <param name="EndpointUrl">An S3-compatible endpoint (MinIO, moto, R2), or <see langword="null"/> for AWS.</param>
/// <param name="OnError">What to do with a malformed row.</param>
public sealed record S3SourceManifest(
    string Bucket,
    string Prefix,
    string? Glob,
    FileFormat Format,
    string? Region,
    string? EndpointUrl,
    OnErrorPolicy OnError = OnErrorPolicy.Fail) : SourceManifest
{
    /// <inheritdoc />
    public override string Connector => "s3";

    /// <summary>The source as a URL, e.g. <c>s3://acme-exports/events/2026/</c>: the lineage and locators' prefix.</summary>
    public string Url => $"s3://{Bucket}/{Prefix}";
}
