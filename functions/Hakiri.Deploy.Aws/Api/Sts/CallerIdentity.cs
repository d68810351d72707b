namespace Hakiri.Deploy.Aws.Api;

/// <summary>Who the credentials belong to (STS GetCallerIdentity).</summary>
/// <param name="Account">The 12-digit account id.</param>
/// <param name="Arn">The caller's ARN (user, assumed role, …).</param>
/// <param name="UserId">The unique id of the caller.</param>
public sealed record CallerIdentity(string Account, string Arn, string UserId);
