namespace Hakiri.Deploy.Azure.Arm;

/// <summary>
/// The ARM calls of one resource group in one subscription: the group itself, its deployments (PUT, GET, operations,
/// what-if), its resources and their deletion. api-version 2021-04-01 for groups, deployments and resources.
/// </summary>
internal sealed class ResourceGroupApi(ArmClient client, string subscription, string resourceGroup)
{
    public const string ApiVersion = "2021-04-01";
    public const string WebApiVersion = "2024-04-01";

    public ArmClient Client => client;

    public string Subscription => subscription;

    public string Name => resourceGroup;

    private string GroupPath => $"subscriptions/{subscription}/resourcegroups/{resourceGroup}";

    public Task<ResourceGroup?> GetAsync(CancellationToken cancellationToken) =>
        client.GetAsync(client.Url($"{GroupPath}?api-version={ApiVersion}"), ArmJsonContext.Default.ResourceGroup, $"reading resource group {resourceGroup}", cancellationToken);

    public async Task PutAsync(ResourceGroup group, CancellationToken cancellationToken)
    {
        using var _ = await client.SendAsync(HttpMethod.Put, client.Url($"{GroupPath}?api-version={ApiVersion}"),
            ArmClient.Json(group, ArmJsonContext.Default.ResourceGroup), $"creating resource group {resourceGroup}", cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(Func<CancellationToken, Task>? onPoll, CancellationToken cancellationToken)
    {
        var operation = $"deleting resource group {resourceGroup}";
        using var started = await client.SendAsync(HttpMethod.Delete, client.Url($"{GroupPath}?api-version={ApiVersion}"), null, operation, cancellationToken, allowNotFound: true).ConfigureAwait(false);
        await ArmOperation.WaitAsync(client, started, operation, onPoll, cancellationToken).ConfigureAwait(false);
    }

    public Task<ArmDeployment?> GetDeploymentAsync(string name, CancellationToken cancellationToken) =>
        client.GetAsync(DeploymentUrl(name, string.Empty), ArmJsonContext.Default.ArmDeployment, $"reading deployment {name}", cancellationToken);

    /// <summary>PUTs the deployment and returns ARM's first answer (carrying the Azure-AsyncOperation URL).</summary>
    public Task<HttpResponseMessage> StartDeploymentAsync(string name, DeploymentRequest request, CancellationToken cancellationToken) =>
        client.SendAsync(HttpMethod.Put, DeploymentUrl(name, string.Empty), ArmClient.Json(request, ArmJsonContext.Default.DeploymentRequest),
            $"starting deployment {name} in {resourceGroup}", cancellationToken);

    public async Task<IReadOnlyList<DeploymentOperation>> OperationsAsync(string name, CancellationToken cancellationToken)
    {
        var page = await client.GetAsync(DeploymentUrl(name, "/operations"), ArmJsonContext.Default.ArmListDeploymentOperation,
            $"listing the operations of deployment {name}", cancellationToken).ConfigureAwait(false);
        return page?.Value ?? [];
    }

    /// <summary>POSTs a what-if and follows its Location to the predicted changes.</summary>
    public async Task<IReadOnlyList<WhatIfChange>> WhatIfAsync(string name, DeploymentRequest request, CancellationToken cancellationToken)
    {
        var operation = $"the what-if of deployment {name} in {resourceGroup}";
        using var started = await client.SendAsync(HttpMethod.Post, DeploymentUrl(name, "/whatIf"),
            ArmClient.Json(request, ArmJsonContext.Default.DeploymentRequest), operation, cancellationToken).ConfigureAwait(false);
        var body = (int)started.StatusCode == 202
            ? await ArmOperation.WaitAsync(client, started, operation, null, cancellationToken).ConfigureAwait(false)
            : await started.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var result = ArmOperation.Parse(body, ArmJsonContext.Default.WhatIfResult)
            ?? throw new ArmException($"Azure Resource Manager answered {operation} without a result");
        if (result.Error is { } error || result.Status is "Failed")
        {
            throw new ArmException(200, result.Error, operation);
        }

        return result.Properties?.Changes ?? [];
    }

    public async Task<IReadOnlyList<GenericResource>> ResourcesAsync(CancellationToken cancellationToken)
    {
        var resources = new List<GenericResource>();
        Uri? next = client.Url($"{GroupPath}/resources?api-version={ApiVersion}");
        while (next is not null)
        {
            var page = await client.GetAsync(next, ArmJsonContext.Default.ArmListGenericResource, $"listing the resources of {resourceGroup}", cancellationToken).ConfigureAwait(false);
            resources.AddRange(page?.Value ?? []);
            next = page?.NextLink is { } link ? new Uri(link) : null;
        }

        return resources;
    }

    /// <summary>Deletes one resource by id with the newest stable api-version its provider offers, and waits.</summary>
    public async Task DeleteResourceAsync(GenericResource resource, CancellationToken cancellationToken)
    {
        var apiVersion = await ApiVersionAsync(resource.Type, cancellationToken).ConfigureAwait(false);
        var operation = $"deleting {resource.Type} '{resource.Name}'";
        using var started = await client.SendAsync(HttpMethod.Delete, client.Url($"{resource.Id.TrimStart('/')}?api-version={apiVersion}"), null,
            operation, cancellationToken, allowNotFound: true).ConfigureAwait(false);
        await ArmOperation.WaitAsync(client, started, operation, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<WebSite?> GetSiteAsync(string name, CancellationToken cancellationToken) =>
        client.GetAsync(client.Url($"{GroupPath}/providers/Microsoft.Web/sites/{name}?api-version={WebApiVersion}"), ArmJsonContext.Default.WebSite,
            $"reading function app {name}", cancellationToken);

    private async Task<string> ApiVersionAsync(string type, CancellationToken cancellationToken)
    {
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        var provider = await client.GetAsync(client.Url($"subscriptions/{subscription}/providers/{type[..slash]}?api-version={ApiVersion}"),
            ArmJsonContext.Default.ResourceProvider, $"reading resource provider {type[..slash]}", cancellationToken).ConfigureAwait(false);
        var versions = provider?.ResourceTypes?.FirstOrDefault(t => string.Equals(t.ResourceType, type[(slash + 1)..], StringComparison.OrdinalIgnoreCase))?.ApiVersions ?? [];
        return versions.Where(v => !v.Contains("preview", StringComparison.Ordinal)).Max(StringComparer.Ordinal)
            ?? versions.Max(StringComparer.Ordinal)
            ?? throw new ArmException($"resource provider {type[..slash]} lists no api-version for {type}; delete it in the portal or pass --delete-data");
    }

    private Uri DeploymentUrl(string name, string suffix) =>
        client.Url($"{GroupPath}/providers/Microsoft.Resources/deployments/{name}{suffix}?api-version={ApiVersion}");
}
