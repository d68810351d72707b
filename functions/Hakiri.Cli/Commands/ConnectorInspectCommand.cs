using System.CommandLine;
using Hakiri.Cli.Connectors;
using Hakiri.Connectors.Contract;
using Hakiri.Manifest;
using Hakiri.Wasm;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri connector inspect FILE</c>: what a <c>.wasm</c> holds — core module or component, its exports against the
/// <c>source-connector</c> world, its imports and which Hakiri refuses, the capabilities its imports use and, when a
/// <c>connector.toml</c> beside it names the file, what that asks for. Exit 0 when Hakiri can run it, 2 when not.
/// </summary>
internal static class ConnectorInspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A connector's .wasm (a core module, or a component wrapping one)." };
        var command = new Command("inspect", "Show a connector .wasm's exports, imports and the capabilities it asks for, and whether Hakiri can run it.") { file };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"error: no file at {path} — pass a connector's .wasm (build one with 'hakiri connector build DIR')");
            return ExitCodes.BadInput;
        }

        var bytes = File.ReadAllBytes(path);
        WasmModuleInfo info;
        try
        {
            info = WasmModuleInfo.Inspect(bytes, Path.GetFileName(path));
        }
        catch (ConnectorException e)
        {
            error.WriteLine($"{path}: error: {e.Message}");
            return ExitCodes.BadInput;
        }

        output.WriteLine($"{path}: {(info.IsComponent ? "a component wrapping one core module" : "a core module")}, {bytes.Length:N0} bytes, {info.Naming} naming");
        output.WriteLine($"sha256 {info.Sha256}; minimum memory {info.MinimumMemoryBytes / 1024:N0} KiB");
        output.WriteLine("exports:");
        foreach (var export in info.Exports)
        {
            output.WriteLine($"  {export.Name}  {export.Type}");
        }

        output.WriteLine("imports:");
        foreach (var import in info.Imports)
        {
            output.WriteLine($"  {import.Module} {import.Name}  {import.Type}{(import.Supported ? "" : "  (not provided by Hakiri)")}");
        }

        var used = ConnectorChecks.CapabilitiesUsed(info);
        output.WriteLine($"capabilities its imports can use: {(used.Count == 0 ? "none" : string.Join(", ", used))}");
        if (BesideManifest(path) is { } connector)
        {
            var asked = connector.Capabilities.ToGrants();
            output.WriteLine($"connector.toml ({connector.Name} {connector.Version}) asks for: {(asked.Count == 0 ? "nothing" : string.Join(", ", asked))}");
            foreach (var warning in ConnectorChecks.UnaskedUses(connector, info))
            {
                output.WriteLine($"warning: {warning}");
            }
        }

        foreach (var missing in info.WorldExportsMissing)
        {
            error.WriteLine($"error: missing export {missing}, which the source-connector world requires (wit/connector.wit)");
        }

        foreach (var unsupported in info.UnsupportedImports)
        {
            error.WriteLine($"error: imports {unsupported}, which Hakiri does not provide — connectors reach the outside only through hakiri:connector/host");
        }

        foreach (var problem in info.Problems)
        {
            error.WriteLine($"error: {problem}");
        }

        output.WriteLine(info.IsRunnable ? "runnable: yes" : "runnable: no");
        return info.IsRunnable ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    // The connector.toml in the same folder, when its `wasm` names this file.
    private static Model.Manifests.ConnectorManifest? BesideManifest(string path)
    {
        var manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "connector.toml");
        if (!File.Exists(manifest))
        {
            return null;
        }

        var connector = ManifestLoader.LoadConnector(manifest).Value;
        return connector is not null && Path.GetFullPath(connector.WasmPath) == Path.GetFullPath(path) ? connector : null;
    }
}
