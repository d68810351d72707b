using Hakiri.Emit.Aws;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// What <c>deploy aws</c> (and <c>--plan</c>) says the functions may reach beyond the store: the source buckets and
/// prefixes, the secrets (references, never values), the VPC — the same <see cref="DeployedAccess"/> the stack is built
/// from — and the WebAssembly connectors with the capabilities their sandbox gives them.
/// </summary>
internal static class AccessReport
{
    public static void Write(ProjectManifest manifest, string partition, TextWriter output, TextWriter error)
    {
        var access = DeployedAccess.Of(manifest);
        var steps = string.Join(" and ", DeployedAccess.SourceSteps);
        if (access.Buckets.Count > 0 || access.UngrantedSources.Count > 0)
        {
            output.WriteLine($"Sources ({steps} may read):");
            foreach (var bucket in access.Buckets)
            {
                var arn = bucket.BucketArn.Replace("${AWS::Partition}", partition, StringComparison.Ordinal);
                var list = bucket.ListPrefixes is { } prefixes ? $" with s3:prefix {string.Join(", ", prefixes)}" : " (the whole bucket)";
                output.WriteLine($"  s3:ListBucket on {arn}{list}; s3:GetObject on {string.Join(", ", bucket.ObjectArns.Select(a => a.Replace("${AWS::Partition}", partition, StringComparison.Ordinal)))} — {string.Join(", ", bucket.Pipelines)}");
            }

            foreach (var source in access.UngrantedSources)
            {
                output.WriteLine($"  no grant for {source.Url} on {source.EndpointUrl} ({source.Pipeline}): not AWS; its credentials come from the functions' environment");
            }
        }

        if (access.Secrets.Count > 0)
        {
            output.WriteLine($"Secrets ({steps} read them at cold start; the template holds only these references):");
            foreach (var secret in access.Secrets)
            {
                output.WriteLine($"  {secret.Variable} ← {secret.Reference} ({secret.Action})");
            }
        }

        if (access.Vpc is { } vpc)
        {
            output.WriteLine($"VPC ({steps}): subnets {string.Join(", ", vpc.SubnetIds)}; security groups {string.Join(", ", vpc.SecurityGroupIds)} — they reach S3, Step Functions and SSM/Secrets Manager only through a NAT gateway or VPC endpoints (docs/deploy-aws.md)");
        }

        var guests = manifest.Pipelines.Where(p => p.Source is WasmSourceManifest)
            .GroupBy(p => ((WasmSourceManifest)p.Source).Reference.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        if (guests.Length > 0)
        {
            output.WriteLine($"WebAssembly connectors ({steps} run them in their sandbox, with the Wasmtime layer):");
            foreach (var guest in guests)
            {
                var connector = ((WasmSourceManifest)guest.First().Source).Reference.Manifest;
                var asked = connector.Capabilities.ToGrants();
                output.WriteLine($"  {connector.Name}@{connector.Version}: {(asked.Count == 0 ? "no capability" : string.Join(", ", asked))} — {string.Join(", ", guest.Select(p => p.Name))}");
            }
        }

        foreach (var warning in SecretUse.Unused(manifest))
        {
            error.WriteLine(warning);
        }

        foreach (var warning in SecretUse.Missing(manifest))
        {
            error.WriteLine($"warning: {warning}");
        }
    }
}
