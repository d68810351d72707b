using System.Net.Http.Headers;

namespace Hakiri.Connectors.Cassettes;

/// <summary>Turns live messages into their cassette form (redacted, decompressed) and cassette responses back into messages.</summary>
internal static class CassetteExchange
{
    private static readonly HashSet<string> ChosenRequestHeaders = new(["Accept", "If-None-Match", "X-GitHub-Api-Version"], StringComparer.OrdinalIgnoreCase);

    // Facts about one connection or one moment, not about the resource: replaying them would only mislead.
    private static readonly HashSet<string> DroppedResponseHeaders = new(
        ["Date", "Set-Cookie", "Set-Cookie2", "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Alt-Svc", "Content-Length"],
        StringComparer.OrdinalIgnoreCase);

    public static async Task<CassetteRequest> ToCassetteAsync(HttpRequestMessage request, Redactor redactor, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in AllHeaders(request.Headers, request.Content?.Headers))
        {
            var value = values.ToString();
            var redacted = redactor.RedactHeader(name, value);
            if (redacted != value)
            {
                headers[name] = Redactor.Placeholder;
            }
            else if (ChosenRequestHeaders.Contains(name))
            {
                headers[name] = value;
            }
        }

        string? body = null, bodyBase64 = null;
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            (body, bodyBase64) = Encode(bytes, redactor);
        }

        var url = redactor.Redact(request.RequestUri?.AbsoluteUri ?? "");
        return new CassetteRequest(request.Method.Method, url, headers.Count == 0 ? null : headers, body, bodyBase64);
    }

    public static async Task<CassetteResponse> ToCassetteAsync(HttpResponseMessage response, Redactor redactor, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var decoded = false;
        if (response.Content.Headers.NonValidated.TryGetValues("Content-Encoding", out var codings))
        {
            var list = codings.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (CassetteBody.Decompress(bytes, list) is { } plain)
            {
                (bytes, decoded) = (plain, true);
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in AllHeaders(response.Headers, response.Content.Headers))
        {
            if (!DroppedResponseHeaders.Contains(name) && !(decoded && name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase)))
            {
                headers[name] = redactor.RedactHeader(name, values.ToString());
            }
        }

        var (body, bodyBase64) = Encode(bytes, redactor);
        return new CassetteResponse((int)response.StatusCode, headers.Count == 0 ? null : headers, body, bodyBase64);
    }

    public static HttpResponseMessage ToMessage(CassetteResponse recorded, HttpRequestMessage request)
    {
        var content = new ByteArrayContent(CassetteBody.Decode(recorded.Body, recorded.BodyBase64));
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)recorded.Status) { RequestMessage = request, Content = content };
        foreach (var (name, value) in recorded.Headers ?? new Dictionary<string, string>())
        {
            // The length is the body's: a hand-edited body must not be cut short by a stale header.
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !response.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    private static (string? Text, string? Base64) Encode(byte[] bytes, Redactor redactor)
    {
        var (text, base64) = CassetteBody.Encode(bytes);
        return text is not null ? (redactor.Redact(text), null) : (null, Convert.ToBase64String(redactor.Redact(bytes)));
    }

    private static IEnumerable<KeyValuePair<string, HeaderStringValues>> AllHeaders(HttpHeaders headers, HttpHeaders? contentHeaders) =>
        contentHeaders is null ? headers.NonValidated : headers.NonValidated.Concat(contentHeaders.NonValidated);
}
