namespace Hakiri.Deploy.Aws.Api;

/// <summary>A change set as DescribeChangeSet reports it, with every page of changes.</summary>
/// <param name="ChangeSetId">The change set ARN.</param>
/// <param name="ChangeSetName">The change set name.</param>
/// <param name="StackId">The stack ARN.</param>
/// <param name="StackName">The stack name.</param>
/// <param name="Status"><c>CREATE_PENDING</c>, <c>CREATE_IN_PROGRESS</c>, <c>CREATE_COMPLETE</c>, <c>FAILED</c>, …</param>
/// <param name="ExecutionStatus"><c>UNAVAILABLE</c>, <c>AVAILABLE</c>, <c>EXECUTE_IN_PROGRESS</c>, <c>EXECUTE_COMPLETE</c>, …</param>
/// <param name="StatusReason">Why the change set is in that status (e.g. why it failed).</param>
/// <param name="Description">The change set's description.</param>
/// <param name="CreationTime">When it was created.</param>
/// <param name="Changes">The resource changes.</param>
public sealed record ChangeSetDescription(
    string ChangeSetId,
    string ChangeSetName,
    string StackId,
    string StackName,
    string Status,
    string ExecutionStatus,
    string? StatusReason,
    string? Description,
    DateTimeOffset? CreationTime,
    IReadOnlyList<ResourceChange> Changes)
{
    /// <summary>Whether CloudFormation is still computing the change set.</summary>
    public bool IsPending => Status is "CREATE_PENDING" or "CREATE_IN_PROGRESS";

    /// <summary>
    /// Whether the change set failed only because the template and parameters change nothing: CloudFormation marks
    /// it <c>FAILED</c> with "The submitted information didn't contain changes…" (or "No updates are to be
    /// performed."); a deploy treats that as success.
    /// </summary>
    public bool HasNoChanges => Status == "FAILED" && StatusReason is { } reason &&
        (reason.Contains("didn't contain changes", StringComparison.Ordinal) || reason.Contains("No updates are to be performed", StringComparison.Ordinal));
}

/// <summary>One resource change of a change set.</summary>
/// <param name="Action"><c>Add</c>, <c>Modify</c>, <c>Remove</c>, <c>Import</c> or <c>Dynamic</c>.</param>
/// <param name="LogicalResourceId">The resource's name in the template.</param>
/// <param name="PhysicalResourceId">Its physical id, when it exists already.</param>
/// <param name="ResourceType">E.g. <c>AWS::S3::Bucket</c>.</param>
/// <param name="Replacement">For Modify: <c>True</c>, <c>False</c> or <c>Conditional</c>.</param>
/// <param name="Scope">For Modify: what changes (<c>Properties</c>, <c>Metadata</c>, <c>Tags</c>, …).</param>
public sealed record ResourceChange(string Action, string LogicalResourceId, string? PhysicalResourceId, string ResourceType, string? Replacement, IReadOnlyList<string> Scope);
