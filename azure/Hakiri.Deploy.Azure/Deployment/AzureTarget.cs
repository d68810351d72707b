using System.Text.RegularExpressions;
using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>Where a project's stage is deployed: subscription, resource group, location and the deployment's name.</summary>
/// <param name="Subscription">The subscription id.</param>
/// <param name="ResourceGroup">The resource group.</param>
/// <param name="Location">The region (ARM name), or null to use the existing group's.</param>
/// <param name="DeploymentName">The ARM deployment's name, the same for every deploy of the stage.</param>
public sealed partial record AzureTarget(string Subscription, string ResourceGroup, string? Location, string DeploymentName)
{
    /// <summary>
    /// Checks the user's choices before anything is sent: the subscription (option, else AZURE_SUBSCRIPTION_ID; the
    /// Azure CLI's default subscription is not read), the location (a known Azure region) and the group's name
    /// (default <c>hakiri-&lt;project&gt;-&lt;stage&gt;</c>). Throws a bad-input <see cref="AzureDeploymentException"/>.
    /// </summary>
    public static AzureTarget Resolve(string project, string stage, string? subscription, string? resourceGroup, string? location, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var name = $"hakiri-{project}-{stage}";
        subscription = NonEmpty(subscription) ?? NonEmpty(environment("AZURE_SUBSCRIPTION_ID"))
            ?? throw new AzureDeploymentException(true, "no Azure subscription is set — pass --subscription ID or set AZURE_SUBSCRIPTION_ID (`az account show --query id -o tsv` prints yours)");
        if (!Guid.TryParse(subscription, out _))
        {
            throw new AzureDeploymentException(true, $"the subscription '{subscription}' is not a subscription id (a GUID) — pass --subscription with the id `az account show --query id -o tsv` prints");
        }

        location = NonEmpty(location) ?? NonEmpty(environment("AZURE_LOCATION"));
        if (location is not null && !AzureRegions.IsKnown(location))
        {
            throw new AzureDeploymentException(true, $"'{location}' is not an Azure region — pass --location with a name such as westeurope or eastus (`az account list-locations -o table` lists them)");
        }

        resourceGroup = NonEmpty(resourceGroup) ?? name;
        if (!GroupName().IsMatch(resourceGroup))
        {
            throw new AzureDeploymentException(true, $"'{resourceGroup}' is not a valid resource group name — use up to 90 letters, digits, '-', '_', '.' or '(' ')', not ending in '.'");
        }

        return new AzureTarget(subscription, resourceGroup, location is null ? null : AzureRegions.Normalize(location), name);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[-\w._()]{0,89}[-\w_()]$")]
    private static partial Regex GroupName();
}
