using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>What a deploy did.</summary>
public enum AzureDeployResult
{
    /// <summary>Only the plan was shown.</summary>
    Planned,

    /// <summary>The template and the package were already deployed; nothing was sent.</summary>
    Unchanged,

    /// <summary>The deployment ran and the package was published.</summary>
    Deployed,
}

/// <summary>
/// Deploys the template to a resource group: plan (what-if), create the group when missing, PUT the incremental
/// deployment and follow it, print the outputs, publish the function package. Credentials, subscription and
/// location are checked before the first write, so bad input creates nothing.
/// </summary>
public sealed class AzureDeployer
{
    private readonly ResourceGroupApi _api;
    private readonly AzureTarget _target;
    private readonly TextWriter _output;

    /// <summary>Creates a deployer for <paramref name="target"/> that prints to <paramref name="output"/>.</summary>
    public AzureDeployer(ArmClient client, AzureTarget target, TextWriter output)
    {
        _api = new ResourceGroupApi(client, target.Subscription, target.ResourceGroup);
        _target = target;
        _output = output;
    }

    /// <summary>Plans, and unless <paramref name="planOnly"/>, deploys <paramref name="template"/> and <paramref name="package"/>.</summary>
    public async Task<AzureDeployResult> DeployAsync(AzureTemplateInput template, FunctionPackage package, bool planOnly, CancellationToken cancellationToken = default)
    {
        var group = await _api.GetAsync(cancellationToken).ConfigureAwait(false);
        var location = _target.Location ?? group?.Location
            ?? throw new AzureDeploymentException(true, $"resource group {_target.ResourceGroup} does not exist and no location is set — pass --location (e.g. westeurope) or set AZURE_LOCATION");
        var request = template.Request();
        WhatIfPlan plan;
        if (group is null)
        {
            plan = WhatIfPlan.ForNewGroup(template, _target.ResourceGroup);
            _output.WriteLine($"  + {_target.ResourceGroup}  Microsoft.Resources/resourceGroups (new, in {location})");
        }
        else
        {
            plan = new WhatIfPlan(await _api.WhatIfAsync(_target.DeploymentName, request, cancellationToken).ConfigureAwait(false));
        }

        var packageChanged = group?.Tags?.GetValueOrDefault(AzureOutputs.PackageTag) != package.Hash;
        if (plan.IsEmpty && !packageChanged)
        {
            _output.WriteLine($"No changes: deployment {_target.DeploymentName} in {_target.ResourceGroup} is up to date.");
            return AzureDeployResult.Unchanged;
        }

        plan.Write(_output, $"Plan for {_target.DeploymentName} in resource group {_target.ResourceGroup}:");
        if (packageChanged)
        {
            _output.WriteLine($"  ~ function package {package.Hash} will be published");
        }

        if (planOnly)
        {
            return AzureDeployResult.Planned;
        }

        var tags = new Dictionary<string, string>(group?.Tags ?? [], StringComparer.Ordinal) { ["hakiri-deployment"] = _target.DeploymentName };
        if (group is null)
        {
            await _api.PutAsync(new ResourceGroup(location, tags), cancellationToken).ConfigureAwait(false);
            _output.WriteLine($"Created resource group {_target.ResourceGroup} in {location}.");
        }

        ArmDeployment? deployment;
        if (group is not null && plan.IsEmpty)
        {
            _output.WriteLine("The template is already deployed; publishing the changed function package only.");
            deployment = await _api.GetDeploymentAsync(_target.DeploymentName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            deployment = await RunDeploymentAsync(request, cancellationToken).ConfigureAwait(false);
        }

        WriteOutputs(deployment);
        if (AzureOutputs.Text(deployment, AzureOutputs.FunctionAppName) is not { } app)
        {
            throw new AzureDeploymentException(false, $"the template has no '{AzureOutputs.FunctionAppName}' output, so the function package was not published; deploy a template emitted by `hakiri emit azure`");
        }

        var url = await new OneDeployPublisher(_api).PublishAsync(app, package, cancellationToken).ConfigureAwait(false);
        _output.WriteLine($"Published the function package ({package.Hash}) to {app} via {url.GetLeftPart(UriPartial.Authority)}.");
        tags[AzureOutputs.PackageTag] = package.Hash;
        await _api.PutAsync(new ResourceGroup(group?.Location ?? location, tags), cancellationToken).ConfigureAwait(false);
        return AzureDeployResult.Deployed;
    }

    private async Task<ArmDeployment?> RunDeploymentAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        var name = _target.DeploymentName;
        _output.WriteLine($"Deploying {name} to resource group {_target.ResourceGroup} (incremental)...");
        var progress = new DeploymentProgress(_api, name, _output);
        try
        {
            using var started = await _api.StartDeploymentAsync(name, request, cancellationToken).ConfigureAwait(false);
            await ArmOperation.WaitAsync(_api.Client, started, $"deployment {name}", progress.PollAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (e.StatusCode == 200)
        {
            throw new AzureDeploymentException(false, await progress.DescribeFailureAsync(e.Error, cancellationToken).ConfigureAwait(false), e);
        }

        await progress.PollAsync(cancellationToken).ConfigureAwait(false);
        var deployment = await _api.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
        // Without an Azure-AsyncOperation header (ARM always sends one for deployments; a proxy might not) poll the deployment itself.
        while (deployment?.Properties?.ProvisioningState is { } running && running is not ("Succeeded" or "Failed" or "Canceled"))
        {
            await Task.Delay(ArmOperation.DefaultInterval, cancellationToken).ConfigureAwait(false);
            await progress.PollAsync(cancellationToken).ConfigureAwait(false);
            deployment = await _api.GetDeploymentAsync(name, cancellationToken).ConfigureAwait(false);
        }

        if (deployment?.Properties?.ProvisioningState is { } state && state != "Succeeded")
        {
            throw new AzureDeploymentException(false, await progress.DescribeFailureAsync(deployment.Properties.Error, cancellationToken).ConfigureAwait(false));
        }

        _output.WriteLine($"Deployment {name}: Succeeded.");
        return deployment;
    }

    private void WriteOutputs(ArmDeployment? deployment)
    {
        var outputs = deployment?.Properties?.Outputs;
        if (outputs is null || outputs.Count == 0)
        {
            return;
        }

        _output.WriteLine("Outputs:");
        var width = outputs.Keys.Max(k => k.Length);
        foreach (var key in outputs.Keys.Order(StringComparer.Ordinal))
        {
            _output.WriteLine($"  {key.PadRight(width)}  {AzureOutputs.Text(deployment, key)}");
        }
    }
}
