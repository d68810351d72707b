using Hakiri.LocalLambda;
using Hakiri.Testing;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>
/// The bootstrap under test: the Native AOT binary when <c>HAKIRI_BOOTSTRAP</c> names one (scripts/test.sh publishes
/// it and sets the variable), otherwise the program's own build output run by <c>dotnet</c> (from its own folder: this
/// test's output folder resolves a newer framework's assemblies that the net9.0 program's dependency file does not list).
/// </summary>
internal static class Bootstrap
{
    public static BootstrapCommand For(string handler, string manifest, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["_HANDLER"] = handler, ["HAKIRI_MANIFEST"] = manifest };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var aot = Environment.GetEnvironmentVariable("HAKIRI_BOOTSTRAP");
        return aot is { Length: > 0 }
            ? new BootstrapCommand(aot, [], environment)
            : new BootstrapCommand("dotnet", [BuiltDll()], environment);
    }

    private static string BuiltDll()
    {
        var dll = RepoPaths.Of("functions", "Hakiri.Functions.Aws", "bin", "Debug", "net9.0", "bootstrap.dll");
        Assert.True(File.Exists(dll), "No bootstrap: run scripts/test.sh (it publishes the AOT bootstrap) or build functions/Hakiri.Functions.Aws.");
        return dll;
    }
}
