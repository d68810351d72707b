using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>
/// A stand-in for Azure Resource Manager on 127.0.0.1 that answers the documented REST shapes the deployer uses:
/// resource groups (GET/PUT/DELETE with Location polling), deployments (PUT with Azure-AsyncOperation polling,
/// Running then Succeeded/Failed; GET; operations with error details), what-if (POST, 202 + Location polling),
/// resources list and delete, providers' api-versions, a function app whose SCM host is this server, and the
/// OneDeploy endpoint <c>POST /api/publish</c>. Templates (array form or languageVersion 2.0, e.g. the emitted module)
/// are evaluated by <see cref="ArmTemplateEvaluator"/>; one it cannot evaluate is a 400 InvalidTemplate naming the
/// cause (also in <see cref="TemplateErrors"/>). It keeps state, so a second deploy sees no changes, and can inject
/// throttling (429 + Retry-After) and a failing resource. Every request is recorded.
/// </summary>
public sealed partial class StandInArm : IAsyncDisposable
{
    public const string Token = "stand-in-token";
    private readonly WebApplication _app;
    private readonly ArmState _state = new();
    private readonly ConcurrentDictionary<string, Func<int, (int Status, JsonNode? Body)>> _operations = new();
    private readonly ConcurrentDictionary<string, int> _polls = new();
    private readonly Lock _gate = new();
    private int _throttle;

    private StandInArm(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>Every request: method, path and query, when it arrived.</summary>
    public ConcurrentQueue<(string Method, string Path, DateTimeOffset At)> Requests { get; } = new();

    /// <summary>The zips POSTed to the OneDeploy endpoint.</summary>
    public ConcurrentQueue<byte[]> Published { get; } = new();

    /// <summary>Why a template sent to the stand-in could not be evaluated (each answered 400 InvalidTemplate).</summary>
    public ConcurrentQueue<string> TemplateErrors { get; } = new();

    /// <summary>A resource type whose deployment fails (with ARM's error details), or null.</summary>
    public string? FailingType { get; set; }

    /// <summary>How many requests were answered 429 so far.</summary>
    public int Throttled { get; private set; }

    /// <summary>Answer the next <paramref name="count"/> requests with 429 and Retry-After: 0.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttle, count);

    /// <summary>Whether any request wrote (PUT, POST other than what-if, DELETE).</summary>
    public bool SawWrite => Requests.Any(r => r.Method is "PUT" or "DELETE" || (r.Method == "POST" && !r.Path.Contains("/whatIf", StringComparison.OrdinalIgnoreCase)));

    public static async Task<StandInArm> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var arm = new StandInArm(app);
        app.Run(arm.HandleAsync);
        await app.StartAsync();
        return arm;
    }

    /// <summary>The group's resources as (type, name), or null when the group does not exist.</summary>
    public IReadOnlyList<(string Type, string Name)>? Resources(string group)
    {
        lock (_gate)
        {
            return _state.Groups.TryGetValue(group, out var found) ? found.Resources.Values.Select(r => (r.Type, r.Name)).ToList() : null;
        }
    }

    /// <summary>The body a resource was deployed with (expressions evaluated), or null.</summary>
    public System.Text.Json.Nodes.JsonNode? ResourceBody(string group, string type, string name)
    {
        lock (_gate)
        {
            return _state.Groups.TryGetValue(group, out var found)
                && found.Resources.Values.FirstOrDefault(r => r.Type == type && r.Name == name) is { Body: { } body }
                ? System.Text.Json.Nodes.JsonNode.Parse(body)
                : null;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        Requests.Enqueue((request.Method, request.Path + request.QueryString, DateTimeOffset.UtcNow));
        if (Interlocked.Decrement(ref _throttle) >= 0)
        {
            Throttled++;
            await WriteAsync(http, 429, Error("TooManyRequests", "The request is being throttled."), retryAfter: 0);
            return;
        }

        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await WriteAsync(http, 401, Error("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or invalid."));
            return;
        }

        if (request.Path.StartsWithSegments("/api/publish"))
        {
            using var zip = new MemoryStream();
            await request.Body.CopyToAsync(zip);
            Published.Enqueue(zip.ToArray());
            await WriteAsync(http, 200, null);
            return;
        }

        if (!request.Query.ContainsKey("api-version"))
        {
            await WriteAsync(http, 400, Error("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."));
            return;
        }

        JsonNode? body = request.ContentLength > 0 || request.Method is "PUT" or "POST" ? await JsonNode.ParseAsync(request.Body) : null;
        (int Status, JsonNode? Body, Dictionary<string, string>? Headers) answer;
        lock (_gate)
        {
            answer = Route(request.Method, request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries), body);
        }

        foreach (var (name, value) in answer.Headers ?? [])
        {
            http.Response.Headers[name] = value;
        }

        await WriteAsync(http, answer.Status, answer.Body);
    }

    private static async Task WriteAsync(HttpContext http, int status, JsonNode? body, int? retryAfter = null)
    {
        http.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body.ToJsonString());
        }
    }

    internal static JsonObject Error(string code, string message, JsonArray? details = null) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["details"] = details ?? [] } };

    private string Operation(Func<int, (int Status, JsonNode? Body)> poll)
    {
        var id = Guid.NewGuid().ToString("n");
        _operations[id] = poll;
        return $"{BaseUrl}/operations/{id}?api-version=2021-04-01";
    }

    private (int, JsonNode?, Dictionary<string, string>?) PollOperation(string id)
    {
        var count = _polls.AddOrUpdate(id, 1, (_, n) => n + 1);
        var (status, body) = _operations.TryGetValue(id, out var poll) ? poll(count) : (404, Error("NotFound", "No such operation."));
        return (status, body, new() { ["Retry-After"] = "0" });
    }
}
