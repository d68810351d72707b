namespace Hakiri.Deploy.Aws.Api;

/// <summary>One stack event (DescribeStackEvents lists them newest first).</summary>
/// <param name="EventId">The event's unique id.</param>
/// <param name="StackName">The stack name.</param>
/// <param name="LogicalResourceId">The resource's name in the template (the stack's own name for stack events).</param>
/// <param name="PhysicalResourceId">The resource's physical id, when known.</param>
/// <param name="ResourceType">E.g. <c>AWS::S3::Bucket</c> or <c>AWS::CloudFormation::Stack</c>.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="ResourceStatus">E.g. <c>CREATE_IN_PROGRESS</c>, <c>CREATE_FAILED</c>.</param>
/// <param name="ResourceStatusReason">Why, when CloudFormation says (the useful part of a failure).</param>
public sealed record StackEvent(
    string EventId,
    string StackName,
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    DateTimeOffset Timestamp,
    string ResourceStatus,
    string? ResourceStatusReason);

/// <summary>One resource of a stack (ListStackResources).</summary>
/// <param name="LogicalResourceId">The resource's name in the template.</param>
/// <param name="PhysicalResourceId">Its physical id (bucket name, ARN, …).</param>
/// <param name="ResourceType">E.g. <c>AWS::S3::Bucket</c>.</param>
/// <param name="ResourceStatus">E.g. <c>CREATE_COMPLETE</c>.</param>
/// <param name="ResourceStatusReason">Why, when CloudFormation says.</param>
/// <param name="LastUpdatedTimestamp">When it last changed.</param>
public sealed record StackResourceSummary(
    string LogicalResourceId,
    string? PhysicalResourceId,
    string ResourceType,
    string ResourceStatus,
    string? ResourceStatusReason,
    DateTimeOffset? LastUpdatedTimestamp);
