using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Hakiri.Emit.Aws;
using Hakiri.Model.Manifests;

namespace Hakiri.Infra.Aws;

/// <summary>
/// Gives a source step (discover, pull-batch) what <see cref="DeployedAccess"/> lists: read access to exactly the source
/// buckets and prefixes, read access to exactly the secrets plus their references in <c>HAKIRI_SECRETS</c>, and the
/// VPC attachment with the network-interface permissions Lambda needs for it.
/// </summary>
internal static class SourceAccess
{
    public static void Apply(Function function, DeployedAccess access)
    {
        var index = 0;
        foreach (var bucket in access.Buckets)
        {
            index++;
            function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = $"SourceList{index}",
                Effect = Effect.ALLOW,
                Actions = ["s3:ListBucket"],
                Resources = [Arn(bucket.BucketArn)],
                Conditions = bucket.ListPrefixes is { } prefixes
                    ? new Dictionary<string, object> { ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = prefixes.ToArray() } }
                    : null,
            }));
        }

        if (access.Buckets.Count > 0)
        {
            function.AddToRolePolicy(Statement("SourceRead", ["s3:GetObject"], access.Buckets.SelectMany(b => b.ObjectArns)));
        }

        foreach (var (sid, store) in new[] { ("SecretsSsm", SecretStore.Ssm), ("SecretsManager", SecretStore.SecretsManager) })
        {
            var grants = access.Secrets.Where(s => s.Reference.Store == store).ToList();
            if (grants.Count > 0)
            {
                function.AddToRolePolicy(Statement(sid, [grants[0].Action], grants.Select(g => g.ResourceArn).Distinct(StringComparer.Ordinal)));
            }
        }

        if (access.SecretsValue is { } secrets)
        {
            function.AddEnvironment(SecretsVariable.Name, secrets);
        }

        if (access.Vpc is { } vpc)
        {
            AttachToVpc(function, vpc);
        }
    }

    // The L1 property rather than the L2 vpc option: the manifest names subnets and security groups, not a VPC to look
    // up, and the L2 option would attach the managed AWSLambdaVPCAccessExecutionRole (ENI actions on every resource).
    private static void AttachToVpc(Function function, AwsVpc vpc)
    {
        ((CfnFunction)function.Node.DefaultChild!).VpcConfig = new CfnFunction.VpcConfigProperty
        {
            SubnetIds = vpc.SubnetIds.ToArray(),
            SecurityGroupIds = vpc.SecurityGroupIds.ToArray(),
        };
        const string Ec2 = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:";
        // Lambda creates its network interfaces in the named subnets with the named security groups only …
        function.AddToRolePolicy(Statement("VpcCreateInterfaces", ["ec2:CreateNetworkInterface"],
            [Ec2 + "network-interface/*", .. vpc.SubnetIds.Select(s => Ec2 + "subnet/" + s), .. vpc.SecurityGroupIds.Select(g => Ec2 + "security-group/" + g)]));
        // … manages network interfaces of this account and region (their ids are not known in advance) …
        function.AddToRolePolicy(Statement("VpcManageInterfaces", ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
            [Ec2 + "network-interface/*"]));
        // … and describes them, which EC2 authorizes only on every resource.
        function.AddToRolePolicy(Statement("VpcDescribe", ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], ["*"]));
    }

    private static PolicyStatement Statement(string sid, string[] actions, IEnumerable<string> resources) =>
        new(new PolicyStatementProps
        {
            Sid = sid,
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = resources.Select(Arn).ToArray(),
        });

    // ARNs carry ${AWS::Partition}, ${AWS::Region} and ${AWS::AccountId} as Fn::Sub references; a full ARN goes as written.
    private static string Arn(string arn) => arn.Contains("${", StringComparison.Ordinal) ? Fn.Sub(arn) : arn;
}
