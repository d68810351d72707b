using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// AWS Signature Version 4 (header form), written from the public specification: canonical request, string to
/// sign, derived signing key, <c>Authorization</c> header. The payload is always hashed (the Query protocol's
/// services do not need <c>x-amz-content-sha256</c>).
/// </summary>
public static class SigV4Signer
{
    /// <summary>The algorithm name in the string to sign and the <c>Authorization</c> header.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// Adds <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (session credentials) and <c>Authorization</c> to
    /// <paramref name="request"/>, signing host, content type and every <c>x-amz-*</c> header.
    /// </summary>
    public static SigV4Signature Sign(HttpRequestMessage request, ReadOnlySpan<byte> payload, AwsCredentials credentials, string region, string service, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Remove("X-Amz-Security-Token");
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", FormatTimestamp(timestamp));
        if (credentials.SessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }

        var headers = new List<KeyValuePair<string, string>> { new("Host", HostHeader(uri)) };
        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(header.Key, string.Join(',', header.Value)));
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new("Content-Type", contentType.ToString()));
        }

        var signature = CreateSignature(request.Method.Method, uri, headers, payload, credentials, region, service, timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        return signature;
    }

    /// <summary>
    /// Computes the signature of a request whose signed headers are exactly <paramref name="headers"/> (which must
    /// include <c>Host</c> and <c>X-Amz-Date</c>, as the sender will send them).
    /// </summary>
    public static SigV4Signature CreateSignature(
        string method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> payload,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(credentials);
        var (canonicalHeaders, signedHeaders) = SigV4Canonical.Headers(headers);
        var canonicalRequest = string.Join(
            '\n',
            method.ToUpperInvariant(),
            SigV4Canonical.Path(uri),
            SigV4Canonical.Query(uri),
            canonicalHeaders,
            signedHeaders,
            Hex(SHA256.HashData(payload)));

        var amzDate = FormatTimestamp(timestamp);
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = SigningKey(credentials.SecretAccessKey, date, region, service);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(canonicalRequest, stringToSign, signedHeaders, signature, authorization);
    }

    /// <summary>The <c>X-Amz-Date</c> form of a time: <c>yyyyMMdd'T'HHmmss'Z'</c> in UTC.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    internal static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8);
    }

    // HttpClient sends the port in Host when it is not the scheme's default, so the signature must include it too.
    private static string HostHeader(Uri uri) => uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
