using System.Text.Json;
using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>
/// The template outputs the deployer relies on (the Bicep module declares them): the function app to publish the
/// package to, and the storage account that holds the store (kept by <c>destroy</c>).
/// </summary>
public static class AzureOutputs
{
    /// <summary>The function app's name (<c>Microsoft.Web/sites</c>).</summary>
    public const string FunctionAppName = "functionAppName";

    /// <summary>The store account's name (<c>Microsoft.Storage/storageAccounts</c>).</summary>
    public const string StoreAccountName = "storeAccountName";

    /// <summary>The resource group tag that records the hash of the last published function package.</summary>
    public const string PackageTag = "hakiri-package";

    /// <summary>An output's value as text, or null.</summary>
    internal static string? Text(ArmDeployment? deployment, string name) =>
        deployment?.Properties?.Outputs?.GetValueOrDefault(name)?.Value is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
