using Hakiri.Model.Manifests;
using Hakiri.Store.Azure;
using Hakiri.Store.Objects;
using Hakiri.Store.S3;

namespace Hakiri.Cli.Commands;

/// <summary>
/// The one place the CLI chooses the object store behind a store location: none for a directory, S3 for
/// <c>s3://</c>, Azure Blob for <c>azblob://</c> — and the sentences for a store that cannot be opened.
/// </summary>
internal static class ObjectStores
{
    /// <summary>
    /// The remote store for <paramref name="location"/>, or <see langword="null"/> for a local directory. A Blob store
    /// is checked first (account configured, container present, credentials accepted), so a command stops before it
    /// writes anything.
    /// </summary>
    /// <exception cref="StoreOpenException">The store cannot be used as configured; the message says why and what to do.</exception>
    public static IObjectStore? Open(StoreLocation location, CancellationToken cancellationToken = default)
    {
        try
        {
            switch (location)
            {
                case LocalStoreLocation:
                    return null;
                case S3StoreLocation s3:
                    return new S3ObjectStore(S3ObjectStore.CreateClient(), s3.Bucket, s3.Prefix);
                case AzureBlobStoreLocation blob:
                    var store = BlobObjectStore.Open(blob);
                    store.VerifyAsync(cancellationToken).GetAwaiter().GetResult();
                    return store;
                default:
                    throw new StoreOpenException($"The store {location.Display} is not one this hakiri can open.");
            }
        }
        catch (Exception e) when (Describe(e) is { } sentence)
        {
            throw new StoreOpenException(sentence, e);
        }
    }

    /// <summary>
    /// The user-facing sentence for a failure of a remote store (during a command, after it opened), or
    /// <see langword="null"/> when <paramref name="error"/> is not one.
    /// </summary>
    public static string? Describe(Exception error) => error switch
    {
        BlobStorageNotConfiguredException or BlobStoreUnavailableException => error.Message,
        _ => null,
    };
}

/// <summary>A store named by the manifest cannot be opened; the message is the sentence to print.</summary>
internal sealed class StoreOpenException(string message, Exception? inner = null) : Exception(message, inner);
