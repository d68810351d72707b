using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>
/// Removes a deployed stage. By default every resource of the group except the store account (named by the last
/// deployment's <c>storeAccountName</c> output), so the data stays; with <c>deleteData</c> the whole resource group.
/// Idempotent: a missing group, or a group holding only the store account, is "nothing to destroy".
/// </summary>
public sealed class AzureDestroyer
{
    private readonly ResourceGroupApi _api;
    private readonly AzureTarget _target;
    private readonly TextWriter _output;

    /// <summary>Creates a destroyer for <paramref name="target"/> that prints to <paramref name="output"/>.</summary>
    public AzureDestroyer(ArmClient client, AzureTarget target, TextWriter output)
    {
        _api = new ResourceGroupApi(client, target.Subscription, target.ResourceGroup);
        _target = target;
        _output = output;
    }

    /// <summary>Deletes the stage's resources (all of the group when <paramref name="deleteData"/>).</summary>
    public async Task DestroyAsync(bool deleteData, CancellationToken cancellationToken = default)
    {
        if (await _api.GetAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            _output.WriteLine($"Resource group {_target.ResourceGroup} does not exist: nothing to destroy.");
            return;
        }

        if (deleteData)
        {
            _output.WriteLine($"Deleting resource group {_target.ResourceGroup} with everything in it, the store's data included...");
            await _api.DeleteAsync(null, cancellationToken).ConfigureAwait(false);
            _output.WriteLine($"Deleted resource group {_target.ResourceGroup}.");
            return;
        }

        var deployment = await _api.GetDeploymentAsync(_target.DeploymentName, cancellationToken).ConfigureAwait(false);
        var store = AzureOutputs.Text(deployment, AzureOutputs.StoreAccountName)
            ?? throw new AzureDeploymentException(true,
                $"resource group {_target.ResourceGroup} has no deployment {_target.DeploymentName} naming the store account, so nothing was deleted — pass --delete-data to delete the whole group, data included");
        var doomed = (await _api.ResourcesAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => !IsStore(r, store))
            .OrderBy(r => Order(r.Type))
            .ToList();
        if (doomed.Count == 0)
        {
            _output.WriteLine($"Only the store account {store} is left in {_target.ResourceGroup}: nothing to destroy.");
            return;
        }

        foreach (var resource in doomed)
        {
            await _api.DeleteResourceAsync(resource, cancellationToken).ConfigureAwait(false);
            _output.WriteLine($"  - {resource.Name}  {resource.Type}: deleted");
        }

        _output.WriteLine($"Deleted {doomed.Count} resources of {_target.ResourceGroup}.");
        _output.WriteLine($"Kept storage account {store} with the store's data; `hakiri destroy azure --delete-data` removes it and the resource group.");
    }

    private static bool IsStore(GenericResource resource, string store) =>
        string.Equals(resource.Type, "Microsoft.Storage/storageAccounts", StringComparison.OrdinalIgnoreCase)
        && string.Equals(resource.Name, store, StringComparison.OrdinalIgnoreCase);

    // Apps before their plan, the plan and monitoring before the runtime storage account they point at.
    private static int Order(string type) => type.ToLowerInvariant() switch
    {
        "microsoft.web/sites" => 0,
        "microsoft.web/serverfarms" => 1,
        "microsoft.insights/components" => 2,
        "microsoft.storage/storageaccounts" => 4,
        _ => 3,
    };
}
