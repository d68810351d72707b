using Azure;
using Azure.Identity;

namespace Hakiri.Store.Azure;

/// <summary>
/// A Blob store cannot be used as configured — its container does not exist, the account refused the credentials, no
/// credential was found, or the endpoint did not answer — said as one sentence naming the store and what to do.
/// </summary>
public sealed class BlobStoreUnavailableException : Exception
{
    /// <summary>Creates the exception with its sentence.</summary>
    public BlobStoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>
    /// The sentence for <paramref name="error"/> when it says the store itself is unusable (not one missing blob), or
    /// <see langword="null"/> when it is some other failure.
    /// </summary>
    /// <param name="error">What the SDK threw.</param>
    /// <param name="store">The store's display name, e.g. <c>azblob://store/shop</c>.</param>
    /// <param name="container">The container name.</param>
    /// <param name="account">The storage account name.</param>
    internal static BlobStoreUnavailableException? From(Exception error, string store, string container, string account) => error switch
    {
        RequestFailedException { Status: 404, ErrorCode: "ContainerNotFound" } => new(
            $"The container '{container}' of the store {store} does not exist in storage account {account}: create it with `az storage container create -n {container} --account-name {account}` (or `--connection-string` for Azurite) and run again.", error),
        RequestFailedException { Status: 403 } e => new(
            $"Storage account {account} refused access to the store {store} ({e.ErrorCode ?? "403"}): check the key or SAS in {BlobClients.ConnectionStringVariable}, or give your identity the Storage Blob Data Contributor role on container '{container}'.", error),
        RequestFailedException { Status: 0 } => new(
            $"Storage account {account} did not answer for the store {store} ({error.InnerException?.Message ?? error.Message}): check the endpoint in {BlobClients.ConnectionStringVariable}, or that the emulator is running.", error),
        AuthenticationFailedException => new(
            $"No Azure credential could sign in to storage account {account} for the store {store}: run `az login` (or use a managed identity), or set {BlobClients.ConnectionStringVariable}.", error),
        _ => null,
    };
}
