using System.Diagnostics;

namespace Hakiri.Testing;

/// <summary>
/// A <c>moto_server</c> (AWS API stand-in) started on 127.0.0.1 for a test collection and stopped after. Share one
/// per collection with <c>IClassFixture</c>/<c>ICollectionFixture</c>. It runs through <c>tests/tools/moto-server.py</c>,
/// which makes a Lambda layer's CloudFormation Ref its ARN, as on AWS.
/// </summary>
public sealed class MotoServer : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts the server on a free loopback port and waits until it accepts connections (at most 30 s).</summary>
    /// <param name="environment">
    /// Settings for moto itself, e.g. <c>INITIAL_NO_AUTH_ACTION_COUNT</c>: after that many requests it enforces IAM.
    /// </param>
    public MotoServer(IReadOnlyDictionary<string, string>? environment = null)
    {
        Port = Loopback.FreePort();
        // moto_server itself, through a launcher that fixes what moto returns for a Lambda layer's Ref (ADR 0029).
        var info = new ProcessStartInfo("python3");
        foreach (var argument in new[] { RepoPaths.Of("tests", "tools", "moto-server.py"), "-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        try
        {
            _process = Loopback.StartServer(info, Port, "moto_server");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("moto_server is not installed: run scripts/test.sh (it installs it), or pip install \"moto[server]\".", e);
        }
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>The endpoint URL to pass as <c>AWS_ENDPOINT_URL</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Environment variables that point AWS clients at this server with dummy credentials.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Endpoint,
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_REGION"] = "us-east-1",
    };

    /// <inheritdoc />
    public void Dispose() => Loopback.Stop(_process);
}
