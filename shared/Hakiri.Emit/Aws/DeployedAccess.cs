using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;

namespace Hakiri.Emit.Aws;

/// <summary>
/// What a deployed project's step functions may reach beyond the store, derived from the manifest alone so the stack
/// and <c>deploy --plan</c> say the same thing: the source buckets and prefixes to read, the secrets to read, and the
/// VPC to run in. Only <see cref="SourceSteps"/> get any of it.
/// </summary>
/// <param name="Buckets">Read grants per source bucket on AWS, ordered by bucket.</param>
/// <param name="UngrantedSources">Object-store sources behind another endpoint (MinIO, R2…): no IAM grant applies.</param>
/// <param name="Secrets">Read grants per secret, ordered by variable.</param>
/// <param name="Vpc">The subnets and security groups, or <see langword="null"/>.</param>
public sealed record DeployedAccess(
    IReadOnlyList<SourceBucketGrant> Buckets,
    IReadOnlyList<UngrantedSource> UngrantedSources,
    IReadOnlyList<SecretGrant> Secrets,
    AwsVpc? Vpc)
{
    /// <summary>
    /// The steps that talk to sources: discover (schemas, object listings) and pull-batch (reads). Write, compact,
    /// index and the MCP function work on the store only, so they get no source, secret or VPC access.
    /// </summary>
    public static IReadOnlyList<string> SourceSteps { get; } = [StepNames.Discover, StepNames.PullBatch];

    /// <summary>The access <paramref name="manifest"/>'s deployment needs.</summary>
    public static DeployedAccess Of(ProjectManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var s3 = manifest.Pipelines.Select(p => (Pipeline: p.Name, Source: p.Source as S3SourceManifest)).Where(p => p.Source is not null).ToList();
        var buckets = s3.Where(p => p.Source!.EndpointUrl is null)
            .GroupBy(p => p.Source!.Bucket, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SourceBucketGrant(g.Key, Covering(g.Select(p => p.Source!.Prefix)), g.Select(p => p.Pipeline).ToArray()))
            .ToArray();
        var ungranted = s3.Where(p => p.Source!.EndpointUrl is not null)
            .Select(p => new UngrantedSource(p.Pipeline, p.Source!.Url, p.Source.EndpointUrl!))
            .ToArray();
        var secrets = manifest.Aws.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SecretGrant(s.Key, s.Value)).ToArray();
        return new DeployedAccess(buckets, ungranted, secrets, manifest.Aws.Vpc);
    }

    /// <summary>The <c>HAKIRI_SECRETS</c> value of the source steps (references only), or <see langword="null"/> without secrets.</summary>
    public string? SecretsValue =>
        Secrets.Count == 0 ? null : SecretsVariable.Format(Secrets.ToDictionary(s => s.Variable, s => s.Reference, StringComparer.Ordinal));

    // The fewest prefixes that cover them all: "" covers everything, "a/" covers "a/b/".
    private static string[] Covering(IEnumerable<string> prefixes)
    {
        var distinct = prefixes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Where(p => !distinct.Any(other => other != p && p.StartsWith(other, StringComparison.Ordinal))).ToArray();
    }
}

/// <summary>Reading one source bucket: listing and getting objects under its prefixes, nothing else.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Prefixes">The key prefixes read (none covering another); one empty prefix means the whole bucket.</param>
/// <param name="Pipelines">The pipelines that read it.</param>
public sealed record SourceBucketGrant(string Bucket, IReadOnlyList<string> Prefixes, IReadOnlyList<string> Pipelines)
{
    /// <summary>The bucket's ARN, with the partition as a CloudFormation pseudo parameter.</summary>
    public string BucketArn => $"arn:${{AWS::Partition}}:s3:::{Bucket}";

    /// <summary>What <c>s3:GetObject</c> is granted on: <c>bucket/prefix*</c> per prefix.</summary>
    public IReadOnlyList<string> ObjectArns => Prefixes.Select(p => $"{BucketArn}/{p}*").ToArray();

    /// <summary>The <c>s3:prefix</c> values <c>s3:ListBucket</c> is limited to, or <see langword="null"/> for the whole bucket.</summary>
    public IReadOnlyList<string>? ListPrefixes => Prefixes.Any(p => p.Length == 0) ? null : Prefixes.Select(p => p + "*").ToArray();
}

/// <summary>An object-store source on another service than AWS S3: its credentials come from the environment, not IAM.</summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Url">The source, <c>s3://bucket/prefix</c>.</param>
/// <param name="EndpointUrl">The service it lives on.</param>
public sealed record UngrantedSource(string Pipeline, string Url, string EndpointUrl);

/// <summary>Reading one secret: <c>ssm:GetParameter</c> on a parameter or <c>secretsmanager:GetSecretValue</c> on a secret.</summary>
/// <param name="Variable">The environment variable the value is given to.</param>
/// <param name="Reference">Where it lives.</param>
public sealed record SecretGrant(string Variable, SecretReference Reference)
{
    /// <summary>The IAM action.</summary>
    public string Action => Reference.Store == SecretStore.Ssm ? "ssm:GetParameter" : "secretsmanager:GetSecretValue";

    /// <summary>
    /// The resource, with pseudo parameters for partition, region and account: the parameter's ARN, or the secret's —
    /// its name followed by <c>-??????</c>, the six characters Secrets Manager appends — unless the manifest gave a full ARN.
    /// </summary>
    public string ResourceArn => Reference.Store switch
    {
        SecretStore.Ssm => $"arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{(Reference.Name.StartsWith('/') ? string.Empty : "/")}{Reference.Name}",
        _ when Reference.Name.StartsWith("arn:", StringComparison.Ordinal) => Reference.Name,
        _ => $"arn:${{AWS::Partition}}:secretsmanager:${{AWS::Region}}:${{AWS::AccountId}}:secret:{Reference.Name}-??????",
    };
}
