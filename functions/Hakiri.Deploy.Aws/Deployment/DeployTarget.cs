namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>Where a stack goes: its name, and the account and region the credentials resolved to.</summary>
/// <param name="StackName">The stack's name.</param>
/// <param name="Account">The account id (STS GetCallerIdentity).</param>
/// <param name="Region">The region.</param>
public sealed record DeployTarget(string StackName, string Account, string Region)
{
    /// <summary>The partition the region belongs to.</summary>
    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    /// <summary>Replaces the pseudo parameters the CDK leaves in asset destinations.</summary>
    public string Resolve(string text) => text
        .Replace("${AWS::AccountId}", Account, StringComparison.Ordinal)
        .Replace("${AWS::Region}", Region, StringComparison.Ordinal)
        .Replace("${AWS::Partition}", Partition, StringComparison.Ordinal);
}
