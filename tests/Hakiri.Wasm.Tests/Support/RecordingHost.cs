using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;

namespace Hakiri.Wasm.Tests.Support;

/// <summary>An in-memory <see cref="IConnectorHost"/>: records logs and requests, answers from dictionaries.</summary>
internal sealed class RecordingHost : IConnectorHost
{
    public List<(GuestLogLevel Level, string Message)> Logs { get; } = [];

    public List<GuestHttpRequest> Requests { get; } = [];

    public Dictionary<string, string> ConfigValues { get; } = [];

    public Dictionary<string, string> EnvironmentValues { get; } = [];

    public ulong? Clock { get; set; }

    public Func<GuestHttpRequest, GuestHttpResponse> Http { get; set; } =
        _ => throw new ConnectorException(ConnectorErrorKind.Permanent, "http is not granted");

    public Exception? ConfigFailure { get; set; }

    public Action<string>? OnLog { get; set; }

    public void Log(GuestLogLevel level, string message)
    {
        Logs.Add((level, message));
        OnLog?.Invoke(message);
    }

    public ulong? NowMilliseconds() => Clock;

    public string? Config(string key) => ConfigFailure is { } failure ? throw failure : ConfigValues.GetValueOrDefault(key);

    public string? Environment(string name) => EnvironmentValues.GetValueOrDefault(name);

    public GuestHttpResponse HttpFetch(GuestHttpRequest request)
    {
        Requests.Add(request);
        return Http(request);
    }
}
