using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Hakiri.Connectors.Objects;
using Hakiri.Model.Manifests;

namespace Hakiri.Store.S3;

/// <summary>
/// An <c>s3</c> source's bucket through AWSSDK.S3: paginated ListObjectsV2 and streaming GetObject. Credentials come from
/// the standard AWS chain (environment, profile, the Lambda role); failures become one-sentence
/// <see cref="Connectors.Contract.ConnectorException"/>s (<see cref="S3SourceErrors"/>).
/// </summary>
public sealed class S3ObjectSource : IObjectSource
{
    private readonly IAmazonS3 _s3;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly string _where;

    /// <summary>Reads <paramref name="bucket"/> through <paramref name="s3"/>, disposing the client with this source when it owns it.</summary>
    public S3ObjectSource(IAmazonS3 s3, string bucket, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(s3);
        _s3 = s3;
        _bucket = bucket;
        _ownsClient = ownsClient;
        _where = s3.Config.ServiceURL is { Length: > 0 } endpoint ? endpoint.TrimEnd('/') : $"AWS ({s3.Config.RegionEndpoint?.SystemName ?? "no region"})";
    }

    /// <summary>
    /// Opens a source's bucket with its <c>region</c> and <c>endpoint_url</c> (path-style for an S3-compatible endpoint),
    /// otherwise the environment's (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_S3</c>/<c>AWS_ENDPOINT_URL</c>): the factory
    /// hosts put in <see cref="Connectors.Contract.ConnectorServices.Objects"/>.
    /// </summary>
    public static IObjectSource Open(S3SourceManifest source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new S3ObjectSource(S3ObjectStore.CreateClient(source.EndpointUrl, region: source.Region), source.Bucket, ownsClient: true);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            try
            {
                response = await _s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (S3SourceErrors.Translate(e, _bucket, prefix, listing: true, _where) is { } failure)
            {
                throw failure;
            }

            foreach (var item in response.S3Objects ?? [])
            {
                yield return new SourceObject(item.Key, Unquote(item.ETag), item.Size ?? 0,
                    new DateTimeOffset(DateTime.SpecifyKind(item.LastModified ?? DateTime.UnixEpoch, DateTimeKind.Utc)));
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    /// <inheritdoc />
    public async Task<SourceObject?> DownloadAsync(string key, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".download";
        try
        {
            using var response = await _s3.GetObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await response.ResponseStream.CopyToAsync(file, 1 << 16, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return new SourceObject(key, Unquote(response.ETag), response.ContentLength,
                new DateTimeOffset(DateTime.SpecifyKind(response.LastModified ?? DateTime.UnixEpoch, DateTimeKind.Utc)));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (Exception e) when (S3SourceErrors.Translate(e, _bucket, key, listing: false, _where) is { } failure)
        {
            throw failure;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _s3.Dispose();
        }
    }

    private static string Unquote(string? etag) => (etag ?? string.Empty).Trim('"');
}
