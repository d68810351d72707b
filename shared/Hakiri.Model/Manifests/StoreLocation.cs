namespace Hakiri.Model.Manifests;

/// <summary>Where a context store lives: a local directory or an S3 bucket and prefix.</summary>
public abstract record StoreLocation
{
    private protected StoreLocation()
    {
    }

    /// <summary>The location as a user would write it in the manifest.</summary>
    public abstract string Display { get; }
}

/// <summary>A store in a local directory.</summary>
/// <param name="Directory">The absolute directory path.</param>
public sealed record LocalStoreLocation(string Directory) : StoreLocation
{
    /// <inheritdoc />
    public override string Display => Directory;
}

/// <summary>A store in an S3 (or S3-compatible) bucket.</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Prefix">The key prefix, without leading or trailing slash; may be empty.</param>
public sealed record S3StoreLocation(string Bucket, string Prefix) : StoreLocation
{
    /// <inheritdoc />
    public override string Display => Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}";
}
