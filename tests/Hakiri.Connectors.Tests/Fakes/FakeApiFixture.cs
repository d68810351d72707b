using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hakiri.Connectors.Tests.Fakes;

/// <summary>
/// One real Kestrel server on 127.0.0.1 for the collection, serving a generic REST API (every pagination kind, auth
/// schemes, failures) and a GitHub-shaped API. State is scoped by a per-test key in the path.
/// </summary>
public sealed partial class FakeApiFixture : IAsyncLifetime
{
    public const string QuerySecret = "qs-5ecret-value-81";
    public const string HeaderSecret = "hdr-5ecret-value-82";
    public const string BearerSecret = "tok-5ecret-value-83";
    public const string BasicUser = "ingest-user";
    public const string BasicPassword = "pw-5ecret-value-84";
    public const string GitHubToken = "ghp_5ecret_value_85";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedRequest>> _requests = new();
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private WebApplication? _app;

    /// <summary>The server root, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>A handler that decompresses, like <c>ConnectorServices.CreateDefault</c>.</summary>
    public HttpMessageHandler Handler { get; } = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All };

    /// <summary>A handler that passes compressed bodies through.</summary>
    public HttpMessageHandler PlainHandler { get; } = new SocketsHttpHandler();

    public static string NewKey() => Guid.NewGuid().ToString("N")[..12];

    public IReadOnlyList<RecordedRequest> Requests(string key) =>
        _requests.TryGetValue(key, out var queue) ? queue.ToArray() : [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        MapGeneric(app);
        MapGitHub(app);
        await app.StartAsync().ConfigureAwait(false);
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _app = app;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        Handler.Dispose();
        PlainHandler.Dispose();
    }

    private void Record(string key, HttpRequest request) =>
        _requests.GetOrAdd(key, _ => new()).Enqueue(new RecordedRequest(
            request.Path + request.QueryString,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

    /// <summary>How many times <paramref name="key"/> was counted before, counting this call.</summary>
    private int Count(string key) => _counters.AddOrUpdate(key, 1, (_, n) => n + 1);

    private static Task WriteJsonAsync(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }
}

[CollectionDefinition(Name)]
public sealed class FakeApiCollection : ICollectionFixture<FakeApiFixture>
{
    public const string Name = "fake-api";
}
