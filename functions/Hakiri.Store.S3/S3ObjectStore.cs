using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Hakiri.Store.Objects;

namespace Hakiri.Store.S3;

/// <summary>
/// A store prefix in an S3 bucket (or an S3-compatible service). Conditional puts map to S3's
/// <c>If-None-Match: *</c> and <c>If-Match</c>; a 412 becomes <see cref="PreconditionFailedException"/>.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <summary>Creates the store over <paramref name="bucket"/>/<paramref name="prefix"/>.</summary>
    public S3ObjectStore(IAmazonS3 s3, string bucket, string prefix)
    {
        _s3 = s3;
        _bucket = bucket;
        _prefix = prefix.Trim('/').Length == 0 ? string.Empty : prefix.Trim('/') + "/";
    }

    /// <summary>
    /// An S3 client from the standard AWS environment: credentials chain, <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>,
    /// and <c>AWS_ENDPOINT_URL_S3</c>/<c>AWS_ENDPOINT_URL</c> for S3-compatible services (path-style addressing, and
    /// checksums only when required, which emulators and older services expect). <paramref name="region"/> overrides the
    /// environment's.
    /// </summary>
    public static IAmazonS3 CreateClient(string? endpointOverride = null, AWSCredentials? credentials = null, string? region = null)
    {
        var endpoint = endpointOverride ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        region ??= Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";
        var config = new AmazonS3Config
        {
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region),
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <inheritdoc />
    public string Display => _prefix.Length == 0 ? $"s3://{_bucket}" : $"s3://{_bucket}/{_prefix.TrimEnd('/')}";

    /// <inheritdoc />
    public async Task<string?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(_bucket, _prefix + key, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".download";
            await using (var file = File.Create(temporary))
            {
                await response.ResponseStream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return response.ETag;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<string> UploadAsync(string key, string path, PutCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + key,
            FilePath = path,
            UseChunkEncoding = false,
        };
        if (condition.IfNoneMatch)
        {
            request.IfNoneMatch = "*";
        }

        if (condition.IfMatch is { } etag)
        {
            request.IfMatch = etag;
        }

        try
        {
            var response = await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return response.ETag;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            throw new PreconditionFailedException(key);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var objects = new List<StoredObject>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            objects.AddRange((response.S3Objects ?? []).Select(o =>
                new StoredObject(o.Key[_prefix.Length..], new DateTimeOffset(DateTime.SpecifyKind(o.LastModified ?? DateTime.UnixEpoch, DateTimeKind.Utc)))));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return objects.OrderBy(o => o.Key, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        _s3.DeleteObjectAsync(_bucket, _prefix + key, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _s3.Dispose();
}
