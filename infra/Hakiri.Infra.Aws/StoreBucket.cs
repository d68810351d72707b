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
    public static IEnumerable<PolicyStatement> Grants(IBucket bucket, string prefix)
    {
        var keys = prefix.Length == 0 ? "*" : prefix + "/*";
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "StoreObjects",
            Effect = Effect.ALLOW,
            Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            Resources = [bucket.ArnForObjects(keys)],
        });
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

        yield return new PolicyStatement(list);
    }
}
