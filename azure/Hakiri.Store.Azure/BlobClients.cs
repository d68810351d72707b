using Azure.Identity;
using Azure.Storage.Blobs;

namespace Hakiri.Store.Azure;

/// <summary>
/// Blob clients from the standard Azure environment: <c>AZURE_STORAGE_CONNECTION_STRING</c> (an account key or SAS;
/// also how Azurite is reached) or, without one, <c>AZURE_STORAGE_ACCOUNT</c> with the default credential chain
/// (environment, workload identity, managed identity, Azure CLI …) — what the deployed function app uses.
/// </summary>
public static class BlobClients
{
    /// <summary>The variable holding a storage connection string.</summary>
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>The variable holding a storage account name, used with the default credential chain.</summary>
    public const string AccountVariable = "AZURE_STORAGE_ACCOUNT";

    /// <summary>The container client for <paramref name="container"/> in the account the environment names.</summary>
    /// <exception cref="BlobStorageNotConfiguredException">The environment names no account.</exception>
    public static BlobContainerClient Container(string container, Func<string, string?>? environment = null) =>
        Container(container, $"azblob://{container}", environment);

    /// <summary>As <see cref="Container(string, Func{string, string?}?)"/>, naming <paramref name="store"/> in its error.</summary>
    internal static BlobContainerClient Container(string container, string store, Func<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(container);
        environment ??= Environment.GetEnvironmentVariable;
        var connectionString = environment(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BlobServiceClient(connectionString).GetBlobContainerClient(container);
        }

        var account = environment(AccountVariable);
        if (!string.IsNullOrWhiteSpace(account))
        {
            var service = new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), new DefaultAzureCredential());
            return service.GetBlobContainerClient(container);
        }

        throw new BlobStorageNotConfiguredException(container, store);
    }
}

/// <summary>No storage account is configured for an <c>azblob://</c> store.</summary>
public sealed class BlobStorageNotConfiguredException : Exception
{
    /// <summary>Creates the exception for <paramref name="container"/>.</summary>
    public BlobStorageNotConfiguredException(string container)
        : this(container, $"azblob://{container}")
    {
    }

    /// <summary>Creates the exception for <paramref name="container"/>, naming the whole <paramref name="store"/>.</summary>
    internal BlobStorageNotConfiguredException(string container, string store)
        : base($"The store {store} names no storage account: set {BlobClients.ConnectionStringVariable} (an account key, SAS or Azurite connection string) or {BlobClients.AccountVariable} (the account name, signed in through the Azure credential chain, e.g. `az login` or a managed identity).")
    {
    }
}
