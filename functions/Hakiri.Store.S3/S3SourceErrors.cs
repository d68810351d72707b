using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Hakiri.Connectors.Contract;

namespace Hakiri.Store.S3;

/// <summary>
/// What went wrong reading an <c>s3</c> source, as one sentence and the step error the state machine retries or stops
/// on: a missing bucket or refused permission is permanent (and names the permission), refused or missing credentials
/// are <c>Hakiri.AuthExpired</c>, an unreachable endpoint or a busy service is transient.
/// </summary>
public static class S3SourceErrors
{
    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "InvalidClientTokenId",
    };

    /// <summary>
    /// The connector error for <paramref name="error"/>, raised listing <paramref name="keyOrPrefix"/> (when
    /// <paramref name="listing"/>) or reading it; <see langword="null"/> for what is not an S3 failure (a cancellation, a bug).
    /// </summary>
    /// <param name="error">What the SDK threw.</param>
    /// <param name="bucket">The source's bucket.</param>
    /// <param name="keyOrPrefix">The prefix listed, or the key read.</param>
    /// <param name="listing">Whether the call was a listing (ListObjectsV2) rather than a read (GetObject).</param>
    /// <param name="where">The endpoint or region the client talks to, for the sentence.</param>
    public static ConnectorException? Translate(Exception error, string bucket, string keyOrPrefix, bool listing, string where)
    {
        ArgumentNullException.ThrowIfNull(error);
        var url = $"s3://{bucket}/{keyOrPrefix}";
        var doing = listing ? "listing" : "reading";
        return error switch
        {
            OperationCanceledException when error.InnerException is not TimeoutException => null,
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => new(ConnectorErrorKind.Permanent,
                $"s3://{bucket}: no such bucket at {where} (NoSuchBucket); check bucket, and region or endpoint_url, in the pipeline's source.", inner: error),
            AmazonS3Exception { ErrorCode: "AccessDenied" or "AllAccessDisabled" } or AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden, ErrorCode: null or "" } => new(
                ConnectorErrorKind.Permanent, listing
                    ? $"{url}: access denied listing the objects; the credentials need s3:ListBucket on arn:aws:s3:::{bucket} (for the prefix '{keyOrPrefix}')."
                    : $"{url}: access denied reading the object; the credentials need s3:GetObject on arn:aws:s3:::{bucket}/{keyOrPrefix} (grant it on the prefix the pipeline reads).",
                inner: error),
            AmazonS3Exception { ErrorCode: { } code } when CredentialCodes.Contains(code) => new(ConnectorErrorKind.AuthExpired,
                $"{url}: S3 refused the credentials ({code}: {error.Message.TrimEnd('.')}); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the function's role, and refresh an expired session.", inner: error),
            AmazonS3Exception { ErrorCode: "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException" } => new(ConnectorErrorKind.Permanent,
                $"s3://{bucket}: the bucket is in another region than {where} ({((AmazonS3Exception)error).ErrorCode}); set region = \"<the bucket's region>\" in the pipeline's source.", inner: error),
            AmazonS3Exception { ErrorCode: "SlowDown" } => new(ConnectorErrorKind.RateLimited,
                $"{url}: S3 asked to slow down (SlowDown) while {doing}; the run is retried later.", inner: error),
            AmazonS3Exception { StatusCode: >= HttpStatusCode.InternalServerError } s3 => new(ConnectorErrorKind.Transient,
                $"{url}: S3 at {where} failed while {doing} ({(int)s3.StatusCode} {s3.ErrorCode}); the run is retried.", inner: error),
            AmazonS3Exception s3 => new(ConnectorErrorKind.Permanent,
                $"{url}: S3 refused {doing} ({(int)s3.StatusCode} {s3.ErrorCode}: {s3.Message.TrimEnd('.')}).", inner: error),
            _ when Unreachable(error) is { } cause => new(ConnectorErrorKind.Transient,
                $"{url}: cannot reach S3 at {where} ({cause.Message.TrimEnd('.')}); check the network, or endpoint_url in the pipeline's source.", inner: error),
            AmazonClientException when error.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) => new(ConnectorErrorKind.AuthExpired,
                $"{url}: no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run with a role that can read the bucket.", inner: error),
            AmazonServiceException or AmazonClientException => new(ConnectorErrorKind.Transient,
                $"{url}: S3 at {where} failed while {doing} ({error.Message.Split('\n', 2)[0].TrimEnd('.')}); the run is retried.", inner: error),
            _ => null,
        };
    }

    // A refused or dropped connection, a name that does not resolve, a timeout: somewhere in the chain of causes.
    private static Exception? Unreachable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or TimeoutException or IOException)
            {
                return e;
            }
        }

        return null;
    }
}
