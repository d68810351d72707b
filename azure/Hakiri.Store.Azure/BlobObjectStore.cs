using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Hakiri.Model.Manifests;
using Hakiri.Store.Objects;

namespace Hakiri.Store.Azure;

/// <summary>
/// A store prefix in an Azure Blob Storage container (or Azurite). Conditional puts map to Blob's
/// <c>If-None-Match: *</c> and <c>If-Match</c>; both ways of losing a race — 409 <c>BlobAlreadyExists</c> on a create,
/// 412 <c>ConditionNotMet</c> on a replace — become <see cref="PreconditionFailedException"/>. A missing container,
/// refused credentials or an endpoint that does not answer become <see cref="BlobStoreUnavailableException"/>.
/// </summary>
public sealed class BlobObjectStore : IObjectStore
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;

    /// <summary>Creates the store over <paramref name="container"/>/<paramref name="prefix"/>.</summary>
    public BlobObjectStore(BlobContainerClient container, string prefix)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        _container = container;
        _prefix = prefix.Trim('/').Length == 0 ? string.Empty : prefix.Trim('/') + "/";
    }

    /// <summary>
    /// The store an <c>azblob://</c> location names, in the account the environment names (see <see cref="BlobClients"/>).
    /// </summary>
    /// <param name="location">The container and prefix.</param>
    /// <param name="environment">Reads environment variables; the process environment when null.</param>
    /// <exception cref="BlobStorageNotConfiguredException">The environment names no account.</exception>
    public static BlobObjectStore Open(AzureBlobStoreLocation location, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new BlobObjectStore(BlobClients.Container(location.Container, location.Display, environment), location.Prefix);
    }

    /// <inheritdoc />
    public string Display => _prefix.Length == 0 ? $"azblob://{_container.Name}" : $"azblob://{_container.Name}/{_prefix.TrimEnd('/')}";

    /// <summary>The container this store lives in.</summary>
    internal BlobContainerClient Container => _container;

    /// <summary>Blobs per listing request (the service's maximum, 5000, when null); tests page with fewer.</summary>
    internal int? ListPageSize { get; init; }

    /// <summary>How uploads are split into blocks (the SDK's defaults when null); tests force blocks on small files.</summary>
    internal StorageTransferOptions? Transfer { get; init; }

    /// <summary>
    /// Checks that the container exists and the credentials reach it, before a command writes anything.
    /// </summary>
    /// <exception cref="BlobStoreUnavailableException">It does not, with the sentence that says what to do.</exception>
    public async Task VerifyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _container.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <inheritdoc />
    public async Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var blob = _container.GetBlobClient(_prefix + key);
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            using var download = response.Value;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".download";
            await using (var file = File.Create(temporary))
            {
                await download.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return download.Details.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "ContainerNotFound")
        {
            return null;
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <inheritdoc />
    public async Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var conditions = new BlobRequestConditions();
        if (condition.IfNoneMatch)
        {
            conditions.IfNoneMatch = ETag.All;
        }

        if (condition.IfMatch is { } etag)
        {
            conditions.IfMatch = new ETag(etag);
        }

        try
        {
            var blob = _container.GetBlobClient(_prefix + key);
            var options = new BlobUploadOptions { Conditions = conditions };
            if (Transfer is { } transfer)
            {
                options.TransferOptions = transfer;
            }

            var response = await blob.UploadAsync(path, options, cancellationToken).ConfigureAwait(false);
            return response.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 && e.ErrorCode is "BlobAlreadyExists" or "ConditionNotMet" or null)
        {
            throw new PreconditionFailedException(key);
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var objects = new List<StoredObject>();
        try
        {
            var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix + prefix }, cancellationToken).AsPages(pageSizeHint: ListPageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                objects.AddRange(page.Values.Select(item => new StoredObject(item.Name[_prefix.Length..], item.Properties.LastModified ?? DateTimeOffset.UnixEpoch)));
            }
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }

        return objects.OrderBy(o => o.Key, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await _container.GetBlobClient(_prefix + key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private BlobStoreUnavailableException? Unavailable(Exception error) =>
        BlobStoreUnavailableException.From(error, Display, _container.Name, _container.AccountName);
}
