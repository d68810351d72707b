using System.Globalization;
using System.Text.Json.Nodes;
using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>
/// Deploys and destroys one stack through CloudFormation change sets: shows the plan, executes it, follows the stack's
/// events until it settles, and says plainly what state a failure leaves behind.
/// </summary>
public sealed class StackDeployer(CloudFormationClient cloudFormation, DeployTarget target, TextWriter output, TimeSpan pollInterval)
{
    /// <summary>The largest template CloudFormation accepts inline (TemplateBody); larger ones go by URL.</summary>
    public const int MaxTemplateBodyBytes = 51_200;

    /// <summary>
    /// Deploys <paramref name="assembly"/>. <paramref name="publishAssets"/> uploads the assets and returns the template's
    /// URL when it is too large to send inline; it runs only when the change set will be executed.
    /// </summary>
    public async Task<DeployOutcome> DeployAsync(
        CloudAssembly assembly, IReadOnlyList<StackTag> tags, bool planOnly, Func<CancellationToken, Task<Uri?>> publishAssets, CancellationToken cancellationToken)
    {
        var name = target.StackName;
        var template = Compact(File.ReadAllText(assembly.TemplatePath));
        var existing = await cloudFormation.DescribeStackAsync(name, cancellationToken).ConfigureAwait(false);
        var type = await PrepareAsync(existing, planOnly, cancellationToken).ConfigureAwait(false);
        var heading = $"Plan for stack {name} in {target.Region} (account {target.Account}):";
        if (planOnly && type == ChangeSetType.Create)
        {
            // Nothing exists to compare with: every resource is new, and no change set (which would create the stack) is needed.
            ChangePlan.ForNewStack(template).Write(output, heading);
            return new DeployOutcome(DeployResult.Planned, existing);
        }

        // A plan of an inline-sized template needs nothing uploaded; a larger template must be in S3 to be read at all.
        var inline = System.Text.Encoding.UTF8.GetByteCount(template) <= MaxTemplateBodyBytes;
        var templateUrl = !planOnly || !inline ? await publishAssets(cancellationToken).ConfigureAwait(false) : null;

        var changeSet = "hakiri-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var request = new CreateChangeSetRequest(name, changeSet, type)
        {
            TemplateBody = inline ? template : null,
            TemplateUrl = inline ? null : templateUrl,
            Capabilities = [StackCapabilities.Iam],
            Tags = tags,
            Description = "hakiri deploy aws",
            ClientToken = changeSet + "-" + Guid.NewGuid().ToString("N")[..8],
        };
        var created = await cloudFormation.CreateChangeSetAsync(request, cancellationToken).ConfigureAwait(false);
        var description = await WaitForChangeSetAsync(changeSet, cancellationToken).ConfigureAwait(false);
        if (description.HasNoChanges || (description.Status == "CREATE_COMPLETE" && description.Changes.Count == 0 && type == ChangeSetType.Update))
        {
            await cloudFormation.DeleteChangeSetAsync(name, changeSet, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"No changes: stack {name} is up to date.");
            return new DeployOutcome(DeployResult.Unchanged, existing);
        }

        if (description.Status != "CREATE_COMPLETE")
        {
            await DiscardAsync(changeSet, type, cancellationToken).ConfigureAwait(false);
            throw new DeploymentException(DeploymentFailure.Failed,
                $"CloudFormation rejected the change set for {name}: {description.StatusReason ?? description.Status} — nothing was deployed; fix the template or its inputs and deploy again");
        }

        new ChangePlan(description.Changes).Write(output, heading);
        if (planOnly)
        {
            await DiscardAsync(changeSet, type, cancellationToken).ConfigureAwait(false);
            return new DeployOutcome(DeployResult.Planned, existing);
        }

        var events = new StackEventStream(cloudFormation, output, pollInterval);
        await events.MarkAsync(created.StackId, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"{(type == ChangeSetType.Create ? "Creating" : "Updating")} stack {name} (change set {changeSet})…");
        await cloudFormation.ExecuteChangeSetAsync(name, changeSet, cancellationToken).ConfigureAwait(false);
        var stack = await FollowAsync(events, created.StackId, description.Changes.Count, cancellationToken).ConfigureAwait(false);
        if (stack?.StackStatus is "CREATE_COMPLETE" or "UPDATE_COMPLETE")
        {
            return new DeployOutcome(type == ChangeSetType.Create ? DeployResult.Created : DeployResult.Updated, stack);
        }

        throw new DeploymentException(DeploymentFailure.Failed, FailureMessage("deploy", stack, events));
    }

    /// <summary>Deletes the stack, following its events; the store bucket is retained with its data.</summary>
    public async Task<DestroyOutcome> DestroyAsync(CancellationToken cancellationToken)
    {
        var name = target.StackName;
        var existing = await cloudFormation.DescribeStackAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.StackStatus == "DELETE_COMPLETE")
        {
            output.WriteLine($"No stack named {name} in {target.Region} (account {target.Account}): nothing to destroy.");
            return new DestroyOutcome(false, []);
        }

        if (existing.IsInProgress && existing.StackStatus != "REVIEW_IN_PROGRESS")
        {
            throw Busy(existing);
        }

        var retained = (await cloudFormation.ListStackResourcesAsync(existing.StackId, cancellationToken).ConfigureAwait(false))
            .Where(r => r.ResourceType == "AWS::S3::Bucket" && r.PhysicalResourceId is { Length: > 0 })
            .Select(r => r.PhysicalResourceId!)
            .ToList();
        var events = new StackEventStream(cloudFormation, output, pollInterval);
        await events.MarkAsync(existing.StackId, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Deleting stack {name} ({existing.StackStatus})…");
        await cloudFormation.DeleteStackAsync(existing.StackId, cancellationToken).ConfigureAwait(false);
        var stack = await FollowAsync(events, existing.StackId, 0, cancellationToken).ConfigureAwait(false);
        if (stack is null || stack.StackStatus == "DELETE_COMPLETE")
        {
            return new DestroyOutcome(true, retained);
        }

        throw new DeploymentException(DeploymentFailure.Failed, FailureMessage("destroy", stack, events));
    }

    /// <summary>Decides between creating and updating; clears a stack whose first creation rolled back.</summary>
    private async Task<ChangeSetType> PrepareAsync(StackDescription? existing, bool planOnly, CancellationToken cancellationToken)
    {
        switch (existing?.StackStatus)
        {
            case null or "DELETE_COMPLETE" or "REVIEW_IN_PROGRESS":
                return ChangeSetType.Create;
            case "ROLLBACK_COMPLETE":
                // CloudFormation cannot update a stack whose creation failed; it must be deleted and created again.
                if (planOnly)
                {
                    output.WriteLine($"Stack {existing.StackName} failed to create earlier (ROLLBACK_COMPLETE); deploying will delete it and create it again.");
                    return ChangeSetType.Create;
                }

                output.WriteLine($"Stack {existing.StackName} failed to create earlier (ROLLBACK_COMPLETE): deleting it before creating it again.");
                var events = new StackEventStream(cloudFormation, output, pollInterval);
                await events.MarkAsync(existing.StackId, cancellationToken).ConfigureAwait(false);
                await cloudFormation.DeleteStackAsync(existing.StackId, cancellationToken).ConfigureAwait(false);
                var deleted = await FollowAsync(events, existing.StackId, 0, cancellationToken).ConfigureAwait(false);
                if (deleted is not null && deleted.StackStatus != "DELETE_COMPLETE")
                {
                    throw new DeploymentException(DeploymentFailure.Failed, FailureMessage("clear the failed stack", deleted, events));
                }

                return ChangeSetType.Create;
            case { } status when existing.IsInProgress:
                throw Busy(existing);
            case "CREATE_FAILED" or "ROLLBACK_FAILED" or "DELETE_FAILED" or "UPDATE_ROLLBACK_FAILED":
                throw new DeploymentException(DeploymentFailure.BadInput,
                    $"stack {existing.StackName} is in {existing.StackStatus}{Reason(existing)} and cannot be updated — run hakiri destroy aws (or fix it in the CloudFormation console), then deploy again");
            default:
                return ChangeSetType.Update;
        }
    }

    private async Task<ChangeSetDescription> WaitForChangeSetAsync(string changeSet, CancellationToken cancellationToken)
    {
        while (true)
        {
            var description = await cloudFormation.DescribeChangeSetAsync(target.StackName, changeSet, cancellationToken).ConfigureAwait(false);
            if (!description.IsPending)
            {
                return description;
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes an unexecuted change set, and the empty stack a CREATE change set leaves (REVIEW_IN_PROGRESS).</summary>
    private async Task DiscardAsync(string changeSet, ChangeSetType type, CancellationToken cancellationToken)
    {
        await cloudFormation.DeleteChangeSetAsync(target.StackName, changeSet, cancellationToken).ConfigureAwait(false);
        if (type == ChangeSetType.Create && await cloudFormation.DescribeStackAsync(target.StackName, cancellationToken).ConfigureAwait(false) is { StackStatus: "REVIEW_IN_PROGRESS" } empty)
        {
            await cloudFormation.DeleteStackAsync(empty.StackId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StackDescription?> FollowAsync(StackEventStream events, string stackId, int expected, CancellationToken cancellationToken)
    {
        try
        {
            return await events.FollowAsync(stackId, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine($"Stopped following stack {target.StackName}; CloudFormation carries on. Watch it in the CloudFormation console, then run the command again.");
            throw;
        }
    }

    private static string FailureMessage(string operation, StackDescription? stack, StackEventStream events)
    {
        var cause = events.Failures.FirstOrDefault(f => f.ResourceType != "AWS::CloudFormation::Stack") ?? (events.Failures.Count > 0 ? events.Failures[0] : null);
        var why = cause is null
            ? stack?.StackStatusReason ?? "CloudFormation gave no reason"
            : $"{cause.LogicalResourceId} ({cause.ResourceType}): {cause.ResourceStatusReason}";
        var state = stack?.StackStatus switch
        {
            "ROLLBACK_COMPLETE" => "the new stack was rolled back and holds nothing; the next deploy deletes and recreates it",
            "UPDATE_ROLLBACK_COMPLETE" => "the stack was rolled back to its previous, working version",
            "ROLLBACK_FAILED" or "UPDATE_ROLLBACK_FAILED" => "the rollback failed too, so some resources may be half-deployed — see the stack's events in the CloudFormation console",
            "DELETE_FAILED" => "some resources could not be deleted and remain — see the stack's events in the CloudFormation console",
            { } other => $"the stack is left in {other}",
            null => "the stack no longer exists",
        };
        return $"{operation} of {stack?.StackName ?? "the stack"} failed: {why} — {state}";
    }

    private static DeploymentException Busy(StackDescription stack) =>
        new(DeploymentFailure.BadInput,
            $"stack {stack.StackName} is busy ({stack.StackStatus}): another operation is running — wait until it finishes, then run the command again");

    private static string Reason(StackDescription stack) => stack.StackStatusReason is { Length: > 0 } r ? $" ({r})" : string.Empty;

    private static string Compact(string template) => JsonNode.Parse(template)!.ToJsonString();
}

/// <summary>What a deploy did.</summary>
public enum DeployResult
{
    /// <summary>Only the plan was shown.</summary>
    Planned,

    /// <summary>Nothing differed from the deployed stack.</summary>
    Unchanged,

    /// <summary>The stack was created.</summary>
    Created,

    /// <summary>The stack was updated.</summary>
    Updated,
}

/// <summary>A deploy's result and the stack afterwards (null when it does not exist).</summary>
/// <param name="Result">What happened.</param>
/// <param name="Stack">The stack as CloudFormation describes it.</param>
public sealed record DeployOutcome(DeployResult Result, StackDescription? Stack);

/// <summary>A destroy's result.</summary>
/// <param name="Deleted">Whether a stack was deleted.</param>
/// <param name="RetainedBuckets">Buckets the stack kept (the store, with its data).</param>
public sealed record DestroyOutcome(bool Deleted, IReadOnlyList<string> RetainedBuckets);
