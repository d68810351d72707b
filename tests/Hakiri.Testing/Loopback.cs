using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hakiri.Testing;

/// <summary>Loopback ports for the servers tests start.</summary>
public static class Loopback
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts a server process that listens on 127.0.0.1:<paramref name="port"/>, discarding its output, and waits until
    /// it accepts connections (at most 30 s).
    /// </summary>
    /// <exception cref="InvalidOperationException">It exited or did not listen in time.</exception>
    public static Process StartServer(ProcessStartInfo info, int port, string name)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.UseShellExecute = false;
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!Accepts(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                Stop(process);
                throw new InvalidOperationException($"{name} did not start on 127.0.0.1:{port}.");
            }

            Thread.Sleep(100);
        }

        return process;
    }

    /// <summary>Kills a server process started by <see cref="StartServer"/> with its children, and waits for it.</summary>
    public static void Stop(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    /// <summary>
    /// Starts an in-process server that picks its own free port, again when another process took that port between
    /// the pick and the bind (Kestrel's AddressInUseException, wrapped in an IOException); at most four attempts.
    /// </summary>
    public static async Task<T> StartRetryingTakenPort<T>(Func<Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (IOException e) when (attempt < 4 && e.InnerException?.GetType().Name == "AddressInUseException")
            {
            }
        }
    }
}
