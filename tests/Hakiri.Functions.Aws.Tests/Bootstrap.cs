using Hakiri.LocalLambda;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>
/// The bootstrap under test: the Native AOT binary when <c>HAKIRI_BOOTSTRAP</c> names one (scripts/test.sh publishes
/// it and sets the variable), otherwise the same program's build output run by <c>dotnet</c>.
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
            : new BootstrapCommand("dotnet", [Path.Combine(AppContext.BaseDirectory, "bootstrap.dll")], environment);
    }
}
