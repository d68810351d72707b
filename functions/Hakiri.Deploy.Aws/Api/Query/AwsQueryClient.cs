using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// Sends Query-protocol calls: a signed, form-encoded POST per attempt; the <c>{Action}Result</c> element back, an
/// <see cref="AwsApiException"/> for an error response, retries per <see cref="AwsRetryPolicy"/>.
/// </summary>
internal sealed class AwsQueryClient(HttpClient http, AwsClientSettings settings)
{
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    /// <summary>The jitter source (a seeded one in tests).</summary>
    internal Random Random { get; init; } = Random.Shared;

    public AwsEndpoint Endpoint => settings.Endpoint;

    /// <summary>Sends <paramref name="request"/>; returns its result element (empty when the action returns none).</summary>
    public async Task<XElement> SendAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(request.ToFormBody());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(request.Action, body, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsApiException e) when (attempt < settings.Retry.MaxAttempts && AwsRetryPolicy.IsRetryable(e))
            {
            }
            catch (TransientNetworkException e)
            {
                if (attempt >= settings.Retry.MaxAttempts)
                {
                    throw new AwsEndpointUnreachableException(settings.Endpoint.Url, e.Message, e.InnerException!);
                }
            }

            await Task.Delay(settings.Retry.Delay(attempt, Random), settings.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<XElement> SendOnceAsync(string action, byte[] body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = FormContentType;
        var credentials = await settings.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        SigV4Signer.Sign(message, body, credentials, settings.Endpoint.Region, settings.Endpoint.Service, settings.Time.GetUtcNow());

        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Classify(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientNetworkException("the request timed out", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
                throw QueryErrorParser.Parse(action, status, text, requestId);
            }

            XElement root;
            try
            {
                root = XElement.Parse(text);
            }
            catch (XmlException e)
            {
                throw new AwsApiException("MalformedResponse", $"The response is not XML ({e.Message}).", status, action);
            }

            return root.Child(action + "Result") ?? new XElement(action + "Result");
        }
    }

    // A name that does not resolve or a refused connection will not fix itself within a retry: fail at once.
    private Exception Classify(HttpRequestException e)
    {
        var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => new AwsEndpointUnreachableException(settings.Endpoint.Url, $"the host name {settings.Endpoint.Url.Host} did not resolve", e),
            HttpRequestError.ConnectionError when socket?.SocketErrorCode == SocketError.ConnectionRefused =>
                new AwsEndpointUnreachableException(settings.Endpoint.Url, "the connection was refused (nothing listens there)", e),
            HttpRequestError.SecureConnectionError => new AwsEndpointUnreachableException(settings.Endpoint.Url, "the TLS handshake failed", e),
            _ => new TransientNetworkException(e.Message, e),
        };
    }

    private sealed class TransientNetworkException(string message, Exception inner) : Exception(message, inner);
}
