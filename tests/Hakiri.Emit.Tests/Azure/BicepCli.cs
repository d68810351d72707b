using System.Reflection;
using Hakiri.Testing;

namespace Hakiri.Emit.Tests.Azure;

/// <summary>The real Bicep CLI from the NuGet package restore put on disk (Azure.Bicep.CommandLine.linux-x64).</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Find);

    /// <summary>The executable (found and made executable on first use).</summary>
    public static string Path => Executable.Value;

    public static string LintConfig => RepoPaths.Of("infra", "azure", "bicepconfig.json");

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ExternalProcess.RunAsync(Executable.Value, arguments, timeout: TimeSpan.FromMinutes(2));

    private static string Find()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
        Assert.True(File.Exists(path), $"The Bicep CLI is missing at {path}: restore tests/Hakiri.Emit.Tests (it references Azure.Bicep.CommandLine.linux-x64).");
        // NuGet may extract the executable without its x bit; setting it again is harmless.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
