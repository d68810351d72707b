using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>
/// Uploads a stack's file assets to <c>hakiri-assets-&lt;account&gt;-&lt;region&gt;</c>, creating that bucket (private,
/// encrypted) the first time. Keys are content hashes, so an asset already there is skipped.
/// </summary>
public sealed class AssetPublisher(IAmazonS3 s3, TextWriter progress)
{
    /// <summary>Publishes every asset; returns how many were uploaded (the rest were already there).</summary>
    public async Task<int> PublishAsync(IEnumerable<FileAsset> assets, DeployTarget target, CancellationToken cancellationToken = default)
    {
        var resolved = assets.Select(a => a with { BucketName = target.Resolve(a.BucketName), ObjectKey = target.Resolve(a.ObjectKey) }).ToList();
        foreach (var bucket in resolved.Select(a => a.BucketName).Distinct(StringComparer.Ordinal))
        {
            await EnsureBucketAsync(bucket, target.Region, cancellationToken).ConfigureAwait(false);
        }

        var uploaded = 0;
        foreach (var asset in resolved)
        {
            if (await ExistsAsync(asset, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await progress.WriteLineAsync($"uploading {Path.GetFileName(asset.SourcePath)} ({new FileInfo(asset.SourcePath).Length / 1024.0 / 1024.0:0.0} MiB) to s3://{asset.BucketName}/{asset.ObjectKey}").ConfigureAwait(false);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = asset.BucketName, Key = asset.ObjectKey, FilePath = asset.SourcePath }, cancellationToken).ConfigureAwait(false);
            uploaded++;
        }

        return uploaded;
    }

    private async Task EnsureBucketAsync(string bucket, string region, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new DeploymentException(DeploymentFailure.BadInput,
                $"the asset bucket {bucket} exists but these credentials may not use it (it may belong to another account) — deploy with credentials of the account it belongs to");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // First deployment in this account and region.
        }

        await progress.WriteLineAsync($"creating the asset bucket {bucket}").ConfigureAwait(false);
        var create = new PutBucketRequest { BucketName = bucket };
        if (region != "us-east-1")
        {
            create.BucketRegion = S3Region.FindValue(region);
        }

        await s3.PutBucketAsync(create, cancellationToken).ConfigureAwait(false);
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
        }, cancellationToken).ConfigureAwait(false);
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ExistsAsync(FileAsset asset, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(asset.BucketName, asset.ObjectKey, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
