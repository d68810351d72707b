namespace Hakiri.Deploy.Aws.Api;

/// <summary>Whether a change set creates a new stack or updates an existing one.</summary>
public enum ChangeSetType
{
    /// <summary><c>CREATE</c>: the stack must not exist (CloudFormation makes it in <c>REVIEW_IN_PROGRESS</c>).</summary>
    Create,

    /// <summary><c>UPDATE</c>: the stack must exist.</summary>
    Update,
}

/// <summary>The capabilities a template may need acknowledged.</summary>
public static class StackCapabilities
{
    /// <summary>The template creates IAM resources with generated names.</summary>
    public const string Iam = "CAPABILITY_IAM";

    /// <summary>The template creates IAM resources with custom names.</summary>
    public const string NamedIam = "CAPABILITY_NAMED_IAM";

    /// <summary>The template uses macros or transforms (e.g. <c>AWS::Serverless</c>).</summary>
    public const string AutoExpand = "CAPABILITY_AUTO_EXPAND";
}

/// <summary>CreateChangeSet's input. Give exactly one of <see cref="TemplateBody"/> and <see cref="TemplateUrl"/>.</summary>
/// <param name="StackName">The stack to create or update.</param>
/// <param name="ChangeSetName">The change set's name (a letter first, then letters, digits and hyphens).</param>
/// <param name="Type">Create or update.</param>
public sealed record CreateChangeSetRequest(string StackName, string ChangeSetName, ChangeSetType Type)
{
    /// <summary>The template text (at most 51,200 bytes; larger ones go through S3 and <see cref="TemplateUrl"/>).</summary>
    public string? TemplateBody { get; init; }

    /// <summary>An S3 URL of the template.</summary>
    public Uri? TemplateUrl { get; init; }

    /// <summary>Parameter values.</summary>
    public IReadOnlyList<StackParameter> Parameters { get; init; } = [];

    /// <summary>Acknowledged capabilities (<see cref="StackCapabilities"/>).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Stack tags.</summary>
    public IReadOnlyList<StackTag> Tags { get; init; } = [];

    /// <summary>A description of the change set.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Makes the request safe to retry: CloudFormation treats a repeat with the same token as the same request instead
    /// of failing with "already exists" (the client retries throttling and server errors).
    /// </summary>
    public string? ClientToken { get; init; }
}

/// <summary>What CreateChangeSet returns.</summary>
/// <param name="ChangeSetId">The change set ARN (<c>arn:aws:cloudformation:{region}:{account}:changeSet/{name}/{uuid}</c>).</param>
/// <param name="StackId">The stack ARN.</param>
public sealed record ChangeSetCreated(string ChangeSetId, string StackId);
