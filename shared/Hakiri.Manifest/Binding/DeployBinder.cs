using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads <c>[deploy.aws]</c>; types and ranges were already checked against the shape.</summary>
internal static class DeployBinder
{
    public static AwsDeployment BindAws(TomlTable? deploy, DiagnosticBag diagnostics)
    {
        if (deploy is null || TomlRead.Table(deploy, "aws") is not { } aws)
        {
            return AwsDeployment.Default;
        }

        var defaults = AwsDeployment.Default;
        var retention = (int)(TomlRead.Integer(aws, "log_retention_days") ?? defaults.LogRetentionDays);
        if (aws["log_retention_days"] is TomlInteger node && !AwsDeployment.RetentionPeriods.Contains(retention))
        {
            var nearest = AwsDeployment.RetentionPeriods.OrderBy(p => Math.Abs(p - retention)).First();
            diagnostics.Error(node.Position.Line, node.Position.Column,
                $"log_retention_days = {retention} is not a retention period CloudWatch Logs offers",
                $"use one of {string.Join(", ", AwsDeployment.RetentionPeriods)} (nearest: {nearest})");
        }

        var auth = McpUrlAuth.AwsIam;
        if (TomlRead.StringNode(aws, "mcp_auth") is { Value: "none" } open)
        {
            auth = McpUrlAuth.None;
            diagnostics.Warning(open.Position.Line, open.Position.Column,
                "mcp_auth = \"none\" makes the MCP function URL public: anyone who has the URL can query the whole store",
                "remove it (or write \"aws_iam\") unless the store holds only public data");
        }

        var secrets = new Dictionary<string, SecretReference>(StringComparer.Ordinal);
        if (TomlRead.Table(aws, "secrets") is { } secretTable)
        {
            foreach (var entry in secretTable.Entries)
            {
                if (entry.Value is TomlString { Value: var text } && SecretReference.TryParse(text) is { } reference)
                {
                    secrets[entry.Key] = reference;
                }
            }
        }

        var vpc = TomlRead.Table(aws, "vpc") is { } vpcTable
            ? new AwsVpc(TomlRead.Strings(vpcTable, "subnet_ids").Select(s => s.Value).ToArray(),
                TomlRead.Strings(vpcTable, "security_group_ids").Select(s => s.Value).ToArray())
            : null;
        return new AwsDeployment(
            TomlRead.String(aws, "region"),
            (int)(TomlRead.Integer(aws, "memory_mb") ?? defaults.MemoryMb),
            (int)(TomlRead.Integer(aws, "timeout_seconds") ?? defaults.TimeoutSeconds),
            retention,
            auth)
        {
            Secrets = secrets,
            Vpc = vpc,
        };
    }
}
