namespace Hakiri.Deploy.Aws.Api;

/// <summary>A stack as DescribeStacks reports it.</summary>
/// <param name="StackId">The stack ARN (<c>arn:aws:cloudformation:{region}:{account}:stack/{name}/{uuid}</c>).</param>
/// <param name="StackName">The stack name.</param>
/// <param name="StackStatus">E.g. <c>CREATE_COMPLETE</c>, <c>UPDATE_ROLLBACK_COMPLETE</c>, <c>REVIEW_IN_PROGRESS</c>.</param>
/// <param name="StackStatusReason">Why the stack is in that status, when CloudFormation says.</param>
/// <param name="Description">The template's description.</param>
/// <param name="CreationTime">When the stack was created.</param>
/// <param name="LastUpdatedTime">When it was last updated, if ever.</param>
/// <param name="Outputs">The template's outputs with their values.</param>
/// <param name="Parameters">The parameter values.</param>
/// <param name="Tags">The stack's tags.</param>
public sealed record StackDescription(
    string StackId,
    string StackName,
    string StackStatus,
    string? StackStatusReason,
    string? Description,
    DateTimeOffset? CreationTime,
    DateTimeOffset? LastUpdatedTime,
    IReadOnlyList<StackOutput> Outputs,
    IReadOnlyList<StackParameter> Parameters,
    IReadOnlyList<StackTag> Tags)
{
    /// <summary>Whether an operation is still running (the status ends in <c>_IN_PROGRESS</c>).</summary>
    public bool IsInProgress => StackStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal);

    /// <summary>The value of output <paramref name="key"/>, or null.</summary>
    public string? Output(string key) => Outputs.FirstOrDefault(o => o.OutputKey == key)?.OutputValue;
}

/// <summary>One stack output.</summary>
/// <param name="OutputKey">The output's logical name.</param>
/// <param name="OutputValue">Its value.</param>
/// <param name="Description">The template's description of it.</param>
/// <param name="ExportName">The export name, when the output is exported.</param>
public sealed record StackOutput(string OutputKey, string OutputValue, string? Description = null, string? ExportName = null);

/// <summary>A template parameter value, sent with a change set and reported back by DescribeStacks.</summary>
/// <param name="ParameterKey">The parameter name.</param>
/// <param name="ParameterValue">The value (null with <paramref name="UsePreviousValue"/>).</param>
/// <param name="UsePreviousValue">Keep the stack's current value (updates only).</param>
public sealed record StackParameter(string ParameterKey, string? ParameterValue, bool UsePreviousValue = false);

/// <summary>A stack tag, which CloudFormation propagates to the resources that support tags.</summary>
/// <param name="Key">The tag key.</param>
/// <param name="Value">The tag value.</param>
public sealed record StackTag(string Key, string Value);
