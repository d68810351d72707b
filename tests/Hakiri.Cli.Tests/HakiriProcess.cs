using System.Diagnostics;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>Runs the built hakiri CLI as a separate process (the same build the tests reference).</summary>
internal static class HakiriProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "hakiri.dll");

    public static Task<ProcessResult> RunAsync(params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [Dll, .. args], timeout: TimeSpan.FromMinutes(3));

    /// <summary>Runs <c>hakiri</c> in <paramref name="workingDirectory"/>, as a user typing in that folder would.</summary>
    public static Task<ProcessResult> RunInAsync(string workingDirectory, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [Dll, .. args], workingDirectory: workingDirectory, timeout: TimeSpan.FromMinutes(3));

    public static Task<ProcessResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [Dll, .. args], timeout: TimeSpan.FromMinutes(3), environment: environment);

    /// <summary>Starts <c>hakiri</c> without waiting, for tests that kill it.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(StringComparer.Ordinal), args);

    /// <summary>Starts <c>hakiri</c> with extra environment variables without waiting, for tests that kill it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
