namespace Hakiri.Model.Manifests;

/// <summary>Where a context store lives: a local directory, an S3 bucket and prefix, or an Azure Blob container and prefix.</summary>
public abstract record StoreLocation
{
    private protected StoreLocation()
    {
    }

    /// <summary>The location as a user would write it in the manifest.</summary>
    public abstract string Display { get; }

    /// <summary>
    /// Reads a store as an override names it (<c>HAKIRI_STORE</c> in a deployed function): <c>s3://bucket[/prefix]</c>,
    /// <c>azblob://container[/prefix]</c>, or else a directory, made absolute against the current directory. Names are
    /// not checked here; the manifest binder checks them with positions.
    /// </summary>
    /// <param name="value">The store as written.</param>
    public static StoreLocation FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith(S3StoreLocation.Scheme, StringComparison.Ordinal))
        {
            return S3StoreLocation.Parse(value);
        }

        return value.StartsWith(AzureBlobStoreLocation.Scheme, StringComparison.Ordinal)
            ? AzureBlobStoreLocation.Parse(value)
            : new LocalStoreLocation(Path.GetFullPath(value));
    }
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
    /// <summary>The URI scheme of S3 stores.</summary>
    public const string Scheme = "s3://";

    /// <summary>
    /// Splits <c>s3://bucket[/prefix]</c> into bucket and prefix (slashes around the prefix trimmed). The bucket name
    /// is not checked here: the manifest binder reports a bad one with its position.
    /// </summary>
    public static S3StoreLocation Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new FormatException($"'{uri}' is not an s3://bucket/prefix location.");
        }

        var rest = uri[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new S3StoreLocation(rest, string.Empty) : new S3StoreLocation(rest[..slash], rest[(slash + 1)..].Trim('/'));
    }

    /// <inheritdoc />
    public override string Display => Prefix.Length == 0 ? $"s3://{Bucket}" : $"s3://{Bucket}/{Prefix}";
}

/// <summary>
/// A store in an Azure Blob Storage container. The account is not part of the location: it comes from
/// <c>AZURE_STORAGE_CONNECTION_STRING</c> (also how Azurite is reached) or from <c>AZURE_STORAGE_ACCOUNT</c> with the
/// default credential chain, so one manifest serves a laptop, CI and the deployed function app.
/// </summary>
/// <param name="Container">The container name.</param>
/// <param name="Prefix">The blob name prefix, without leading or trailing slash; may be empty.</param>
public sealed record AzureBlobStoreLocation(string Container, string Prefix) : StoreLocation
{
    /// <summary>The URI scheme of Azure Blob stores.</summary>
    public const string Scheme = "azblob://";

    /// <summary>
    /// Splits <c>azblob://container[/prefix]</c> into container and prefix (slashes around the prefix trimmed). The
    /// container name is not checked here: the manifest binder reports a bad one with its position.
    /// </summary>
    public static AzureBlobStoreLocation Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new FormatException($"'{uri}' is not an azblob://container/prefix location.");
        }

        var rest = uri[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new AzureBlobStoreLocation(rest, string.Empty) : new AzureBlobStoreLocation(rest[..slash], rest[(slash + 1)..].Trim('/'));
    }

    /// <inheritdoc />
    public override string Display => Prefix.Length == 0 ? $"azblob://{Container}" : $"azblob://{Container}/{Prefix}";
}
