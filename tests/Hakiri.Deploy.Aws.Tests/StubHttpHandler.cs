using System.Net;
using System.Text;

namespace Hakiri.Deploy.Aws.Tests;

/// <summary>An in-memory HTTP twin: answers each request from a queue (or a function) and records what was sent.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public StubHttpHandler Respond(HttpStatusCode status, string body)
    {
        _responses.Enqueue(() => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") });
        return this;
    }

    public StubHttpHandler RespondWithSample(string name) => Respond(HttpStatusCode.OK, Sample(name));

    public StubHttpHandler Throw(Exception exception)
    {
        _responses.Enqueue(() => throw exception);
        return this;
    }

    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    /// <summary>The form parameters of request <paramref name="index"/>, decoded.</summary>
    public Dictionary<string, string> Form(int index) => Requests[index].Body.Split('&')
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]), StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException($"No response queued for request {Requests.Count}: {body}");
        }

        return _responses.Dequeue()();
    }
}
