using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using Hakiri.Model.Manifests;

namespace Hakiri.Infra.Aws;

/// <summary>The store's bucket and the least-privilege grants of the functions that read and write it.</summary>
internal static class StoreBucket
{
    public static Bucket Create(Construct scope, ProjectManifest manifest) =>
        new(scope, "Store", new BucketProps
        {
            // An S3 store in the manifest names its bucket; the functions read the store location from the manifest.
            BucketName = manifest.Store is S3StoreLocation s3 ? s3.Bucket : null,
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = false,
            // The store is the user's data: deleting the stack must never delete it.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

    /// <summary>The key prefix the store lives under ("" for a whole bucket), without a trailing slash.</summary>
    public static string Prefix(ProjectManifest manifest) =>
        manifest.Store is S3StoreLocation s3 ? s3.Prefix.Trim('/') : string.Empty;

    /// <summary>Object read/write/delete under the prefix, and listing restricted to it: nothing else.</summary>
    public static IEnumerable<PolicyStatement> Grants(IBucket bucket, string prefix) =>
        [Objects(bucket, prefix, "StoreObjects", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"), List(bucket, prefix)];

    /// <summary>Reading objects under the prefix and listing it: what serving needs.</summary>
    public static IEnumerable<PolicyStatement> ReadGrants(IBucket bucket, string prefix) =>
        [Objects(bucket, prefix, "StoreRead", "s3:GetObject"), List(bucket, prefix)];

    private static PolicyStatement Objects(IBucket bucket, string prefix, string sid, params string[] actions) =>
        new(new PolicyStatementProps
        {
            Sid = sid,
            Effect = Effect.ALLOW,
            Actions = actions,
            Resources = [bucket.ArnForObjects(prefix.Length == 0 ? "*" : prefix + "/*")],
        });

    private static PolicyStatement List(IBucket bucket, string prefix)
    {
        var list = new PolicyStatementProps
        {
            Sid = "StoreList",
            Effect = Effect.ALLOW,
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
        };
        if (prefix.Length > 0)
        {
            list.Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { prefix, prefix + "/*" } },
            };
        }

        return new PolicyStatement(list);
    }
}
