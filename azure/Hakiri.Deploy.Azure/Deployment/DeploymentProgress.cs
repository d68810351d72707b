using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>
/// Prints a line per resource of a running deployment as its operation reaches a new state, and turns the failed
/// operations of a failed deployment into one sentence naming the resource.
/// </summary>
internal sealed class DeploymentProgress(ResourceGroupApi api, string deploymentName, TextWriter output)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var operation in await api.OperationsAsync(deploymentName, cancellationToken).ConfigureAwait(false))
        {
            if (operation.Properties is { TargetResource: { } resource, ProvisioningState: { } state }
                && _seen.Add($"{resource.Id}|{state}"))
            {
                output.WriteLine($"  {resource.ResourceType} {resource.ResourceName}: {state}");
            }
        }
    }

    /// <summary>The sentence for a failed deployment: the first failed resource and ARM's most specific message.</summary>
    public async Task<string> DescribeFailureAsync(ArmError? deploymentError, CancellationToken cancellationToken)
    {
        var operations = await api.OperationsAsync(deploymentName, cancellationToken).ConfigureAwait(false);
        var failed = operations.FirstOrDefault(o => o.Properties is { ProvisioningState: "Failed", TargetResource: not null });
        var advice = $"resources created before the failure stay in {api.Name}; fix the cause and run `hakiri deploy azure` again";
        if (failed?.Properties is { TargetResource: { } resource } properties)
        {
            var error = properties.StatusMessage?.Error?.Innermost();
            var cause = error is null ? "no error message" : $"{error.Code}: {error.Message?.TrimEnd('.')}";
            return $"deployment {deploymentName} failed at {resource.ResourceType} '{resource.ResourceName}': {cause} — {advice}";
        }

        var top = deploymentError?.Innermost();
        return $"deployment {deploymentName} failed: {top?.Code ?? "unknown"}: {top?.Message?.TrimEnd('.') ?? "ARM gave no reason"} — {advice}";
    }
}
