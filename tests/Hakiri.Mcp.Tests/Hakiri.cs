using System.Diagnostics;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests;

/// <summary>The built hakiri CLI (the same build the tests reference), run as a separate process.</summary>
internal static class Hakiri
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "hakiri.dll");

    public static Task<ProcessResult> RunAsync(params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [Dll, .. args], timeout: TimeSpan.FromMinutes(3));

    /// <summary>Starts <c>hakiri serve --http 127.0.0.1:0</c> and waits until it says where it listens.</summary>
    public static async Task<ServerProcess> StartHttpAsync(string manifest, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Dll, "serve", "-m", manifest, "--http", "127.0.0.1:0", .. extra])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var server = new ServerProcess(process);
        await server.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return server;
    }
}

/// <summary>A running <c>hakiri serve --http</c>; killed on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string Marker = "Streamable HTTP at ";
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _stderr = new();

    public ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _url.TrySetException(new InvalidOperationException($"hakiri serve exited before listening:\n{_stderr}"));
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }

            if (e.Data.IndexOf(Marker, StringComparison.Ordinal) is var at and >= 0)
            {
                _url.TrySetResult(e.Data[(at + Marker.Length)..].Trim());
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Task<string> Ready => _url.Task;

    public Uri Url => new(_url.Task.Result);

    public int ProcessId => _process.Id;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
