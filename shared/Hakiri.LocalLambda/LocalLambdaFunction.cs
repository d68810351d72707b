using System.Diagnostics;

namespace Hakiri.LocalLambda;

/// <summary>
/// One function instance run locally as Lambda would: its bootstrap process started once with
/// <c>AWS_LAMBDA_RUNTIME_API</c> pointing at our Runtime API server, then kept warm for every invocation.
/// </summary>
public sealed class LocalLambdaFunction : IAsyncDisposable
{
    private readonly RuntimeApiServer _server;
    private readonly Process _process;
    private readonly DateTime _started;
    private volatile string? _stoppedBecause;

    private LocalLambdaFunction(RuntimeApiServer server, Process process, DateTime started)
    {
        _server = server;
        _process = process;
        _started = started;
    }

    /// <summary>Lines the function wrote to standard error (its log), for diagnostics.</summary>
    public IReadOnlyCollection<string> Log => _log;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    /// <summary>Starts the function's bootstrap.</summary>
    public static LocalLambdaFunction Start(BootstrapCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var server = new RuntimeApiServer();
        var info = new ProcessStartInfo(command.Program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{server.Port}";
        var started = DateTime.UtcNow;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command.Program}.");
        var function = new LocalLambdaFunction(server, process, started);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                function._log.Enqueue(e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                function._log.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => server.FailAll(function._stoppedBecause
            ?? $"the function process exited with code {process.ExitCode}: {string.Join(" | ", function._log.TakeLast(5))}");
        return function;
    }

    /// <summary>Time from process start to the bootstrap's first Runtime API request (its cold start).</summary>
    public async Task<TimeSpan> ColdStartAsync() => await _server.FirstNextRequest.ConfigureAwait(false) - _started;

    /// <summary>
    /// The error type of an invocation that ran past its timeout. Lambda then stops the function's execution
    /// environment, so this instance is stopped too: the next invocation needs a new one.
    /// </summary>
    public const string TimedOut = "Sandbox.Timedout";

    /// <summary>Invokes the function with a JSON payload and returns its JSON response.</summary>
    /// <exception cref="LambdaInvocationException">The function reported an error, or ran past <paramref name="timeout"/> (<see cref="TimedOut"/>).</exception>
    public async Task<string> InvokeAsync(string payload, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _server.InvokeAsync(payload, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Task timed out after {timeout.TotalSeconds:0.00} seconds");
            // Invocations queued behind this one fail with the process: they say why.
            _stoppedBecause = $"the function was stopped when another invocation ran past its timeout ({message})";
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            throw new LambdaInvocationException(TimedOut, message);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
