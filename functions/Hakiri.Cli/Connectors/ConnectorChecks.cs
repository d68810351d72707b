using Hakiri.Model.Manifests;
using Hakiri.Wasm;

namespace Hakiri.Cli.Connectors;

/// <summary>What a connector's module uses against what its <c>connector.toml</c> asks for.</summary>
internal static class ConnectorChecks
{
    /// <summary>The host capabilities a module's imports can use: <c>http</c>, <c>env</c>, <c>clock</c>.</summary>
    public static IReadOnlyList<string> CapabilitiesUsed(WasmModuleInfo info)
    {
        var names = info.Imports.Where(i => i.Supported).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        List<string> used = [];
        if (names.Contains("http-fetch"))
        {
            used.Add("http");
        }

        if (names.Contains("env"))
        {
            used.Add("env");
        }

        if (names.Contains("now-ms"))
        {
            used.Add("clock");
        }

        return used;
    }

    /// <summary>One sentence per mismatch between what the module imports and what <c>connector.toml</c> asks for.</summary>
    public static IEnumerable<string> UnaskedUses(ConnectorManifest connector, WasmModuleInfo info)
    {
        var used = CapabilitiesUsed(info);
        var asked = connector.Capabilities;
        if (used.Contains("http") && asked.HttpHosts.Count == 0)
        {
            yield return "the module imports http-fetch, but connector.toml asks for no host ([capabilities] http): every request will be refused";
        }

        if (!used.Contains("http") && asked.HttpHosts.Count > 0)
        {
            yield return "connector.toml asks for http hosts, but the module never imports http-fetch: drop them from [capabilities] http";
        }

        if (used.Contains("env") && asked.Environment.Count == 0)
        {
            yield return "the module imports env, but connector.toml asks for no variable ([capabilities] env): every read will be none";
        }

        if (used.Contains("clock") && !asked.Clock)
        {
            yield return "the module imports now-ms, but connector.toml does not ask for the clock ([capabilities] clock = true): it will read none";
        }
    }
}
