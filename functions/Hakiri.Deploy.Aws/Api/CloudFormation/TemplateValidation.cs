namespace Hakiri.Deploy.Aws.Api;

/// <summary>What ValidateTemplate reports about a valid template.</summary>
/// <param name="Description">The template's description.</param>
/// <param name="Capabilities">Capabilities a stack from it must acknowledge (e.g. <c>CAPABILITY_IAM</c>).</param>
/// <param name="CapabilitiesReason">The resources that need them.</param>
public sealed record TemplateValidation(string? Description, IReadOnlyList<string> Capabilities, string? CapabilitiesReason);
