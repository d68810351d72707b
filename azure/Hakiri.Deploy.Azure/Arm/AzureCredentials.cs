using Azure.Core;
using Azure.Identity;

namespace Hakiri.Deploy.Azure.Arm;

/// <summary>
/// The credential chain <c>deploy azure</c> uses, narrower than DefaultAzureCredential so that nothing is asked beyond
/// the machine unless configured: a service principal from AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET (or a
/// certificate), workload identity when AZURE_FEDERATED_TOKEN_FILE is set, managed identity only when its endpoint
/// variable (IDENTITY_ENDPOINT or MSI_ENDPOINT) is set, then the Azure CLI's signed-in account (<c>az</c> on PATH).
/// Tokens are cached until five minutes before they expire.
/// </summary>
public sealed class AzureCredentials : IArmTokenSource
{
    private static readonly string[] Scopes = ["https://management.azure.com/.default"];
    private readonly TokenCredential _credential;
    private AccessToken? _token;

    /// <summary>Wraps any credential (tests and hosts with their own).</summary>
    public AzureCredentials(TokenCredential credential) => _credential = credential;

    /// <summary>The chain described on the type, reading <paramref name="environment"/> (default: the process's).</summary>
    public static AzureCredentials FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var chain = new List<TokenCredential> { new EnvironmentCredential() };
        if (!string.IsNullOrEmpty(environment("AZURE_FEDERATED_TOKEN_FILE")))
        {
            chain.Add(new WorkloadIdentityCredential());
        }

        if (!string.IsNullOrEmpty(environment("IDENTITY_ENDPOINT")) || !string.IsNullOrEmpty(environment("MSI_ENDPOINT")))
        {
            var clientId = environment("AZURE_CLIENT_ID");
            chain.Add(string.IsNullOrEmpty(clientId) ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }

        chain.Add(new AzureCliCredential());
        return new AzureCredentials(new ChainedTokenCredential([.. chain]));
    }

    /// <inheritdoc />
    public async ValueTask<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            return cached.Token;
        }

        try
        {
            var token = await _credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken).ConfigureAwait(false);
            _token = token;
            return token.Token;
        }
        catch (AuthenticationFailedException e)
        {
            throw new AzureCredentialsNotFoundException(
                "no Azure credentials found: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or sign in with `az login`", e);
        }
    }
}

/// <summary>No credential of the chain produced a token; the message says how to provide one.</summary>
public sealed class AzureCredentialsNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AzureCredentialsNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AzureCredentialsNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AzureCredentialsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
