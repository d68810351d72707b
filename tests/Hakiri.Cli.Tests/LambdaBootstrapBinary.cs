using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>The Lambda bootstrap the tests run through <c>--via lambda</c>.</summary>
internal static class LambdaBootstrapBinary
{
    /// <summary>The AOT bootstrap that scripts/test.sh publishes, else this build's bootstrap.dll (run with dotnet).</summary>
    public static string Path()
    {
        if (Environment.GetEnvironmentVariable("HAKIRI_BOOTSTRAP") is { Length: > 0 } aot)
        {
            return aot;
        }

        var dll = RepoPaths.Of("functions", "Hakiri.Functions.Aws", "bin", "Debug", "net9.0", "bootstrap.dll");
        Assert.True(File.Exists(dll), $"No bootstrap: run scripts/test.sh (it publishes the AOT bootstrap) or build functions/Hakiri.Functions.Aws.");
        return dll;
    }
}
