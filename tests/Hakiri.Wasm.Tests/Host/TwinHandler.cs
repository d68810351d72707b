using System.Net;

namespace Hakiri.Wasm.Tests.Host;

/// <summary>
/// An in-memory network: records each request's URL and answers 200 "ok" (or what <see cref="Respond"/> says), so
/// tests of host names that do not resolve here (api.example.com) never leave the process.
/// </summary>
internal sealed class TwinHandler : HttpMessageHandler
{
    private readonly List<Uri> _urls = [];

    public Func<HttpRequestMessage, HttpResponseMessage>? Respond { get; init; }

    public IReadOnlyList<Uri> Urls
    {
        get
        {
            lock (_urls)
            {
                return [.. _urls];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_urls)
        {
            _urls.Add(request.RequestUri!);
        }

        var response = Respond?.Invoke(request) ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") };
        response.RequestMessage ??= request;
        return Task.FromResult(response);
    }
}
