using System.CommandLine;
using Hakiri.Cli.Connectors;
using Hakiri.Cli.Output;
using Hakiri.Connectors.Contract;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Wasm;
using Hakiri.Wasm.Build;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri connector build DIR</c>: compiles a C or Rust connector folder into the core module its
/// <c>connector.toml</c> names, then checks the module against the <c>source-connector</c> world (every export there,
/// no import Hakiri does not provide) and against what <c>connector.toml</c> asks for. Exit 0 built and runnable, 2 when
/// the folder, its code or its module is wrong, 1 when a toolchain is missing.
/// </summary>
internal static class ConnectorBuildCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The connector folder (holding connector.toml and src/)." };
        var command = new Command("build", "Compile a C or Rust connector folder into its .wasm and check it against the connector world and its connector.toml.")
        {
            directory,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(directory)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string directory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(directory, "connector.toml");
        if (!File.Exists(manifestPath))
        {
            error.WriteLine($"error: {directory} holds no connector.toml — pass a connector folder (create one with 'hakiri connector new NAME --lang c|rust')");
            return ExitCodes.BadInput;
        }

        var loaded = ManifestLoader.LoadConnector(manifestPath);
        DiagnosticPrinter.Print(error, loaded.Diagnostics);
        if (loaded.Value is not { } connector || loaded.Diagnostics.Any(d => d.IsError))
        {
            return ExitCodes.BadInput;
        }

        var language = LanguageOf(directory);
        if (language is null)
        {
            error.WriteLine($"error: {directory} has neither src/lib.rs (Rust) nor .c files (C) — put the connector's code there");
            return ExitCodes.BadInput;
        }

        var (sdk, extracted) = SdkFolder(directory, language);
        try
        {
            output.WriteLine($"building {connector.Name} {connector.Version} ({language}) → {Path.GetRelativePath(Environment.CurrentDirectory, connector.WasmPath)}");
            var (built, problem, toolchainMissing) = await CompileAsync(language, directory, sdk, connector.WasmPath, cancellationToken).ConfigureAwait(false);
            if (built is null)
            {
                error.WriteLine($"error: {problem}");
                return toolchainMissing ? ExitCodes.RunFailed : ExitCodes.BadInput;
            }
        }
        finally
        {
            if (extracted)
            {
                Directory.Delete(sdk, recursive: true);
            }
        }

        return Check(connector, File.ReadAllBytes(connector.WasmPath), output, error);
    }

    /// <summary>Checks a module against the world and the connector's asks; prints what it found. Exit code.</summary>
    internal static int Check(ConnectorManifest connector, byte[] wasm, TextWriter output, TextWriter error)
    {
        WasmModuleInfo info;
        try
        {
            info = WasmModuleInfo.Inspect(wasm, connector.Name);
        }
        catch (ConnectorException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        foreach (var missing in info.WorldExportsMissing)
        {
            error.WriteLine($"error: the module does not export {missing}, which the source-connector world requires (wit/connector.wit)");
        }

        foreach (var unsupported in info.UnsupportedImports)
        {
            error.WriteLine($"error: the module imports {unsupported}, which Hakiri does not provide — connectors reach the outside only through hakiri:connector/host");
        }

        foreach (var problem in info.Problems)
        {
            error.WriteLine($"error: {problem}");
        }

        if (!info.IsRunnable)
        {
            return ExitCodes.BadInput;
        }

        foreach (var warning in ConnectorChecks.UnaskedUses(connector, info))
        {
            output.WriteLine($"warning: {warning}");
        }

        output.WriteLine($"ok: {info.Exports.Count} exports, {info.Imports.Count} imports, sha256 {info.Sha256}");
        return ExitCodes.Ok;
    }

    private static string? LanguageOf(string directory)
    {
        if (File.Exists(Path.Combine(directory, "src", "lib.rs")))
        {
            return "rust";
        }

        return CGuestBuild.ConnectorSources(directory).Count > 0 ? "c" : null;
    }

    // The connector's own copy of the SDK (what `connector new` wrote) wins; else the binary's.
    private static (string Folder, bool Extracted) SdkFolder(string directory, string language)
    {
        var own = Path.Combine(directory, "sdk");
        var marker = language == "rust" ? RustGuestBuild.SdkFileName : "hakiri_connector.h";
        return File.Exists(Path.Combine(own, marker)) ? (own, false) : (ConnectorResources.ExtractSdk(language), true);
    }

    private static async Task<(string? Wasm, string? Problem, bool ToolchainMissing)> CompileAsync(
        string language, string directory, string sdk, string output, CancellationToken cancellationToken)
    {
        if (language == "rust")
        {
            if (await RustGuestBuild.FindToolchainProblemAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is { } missing)
            {
                return (null, missing, true);
            }

            try
            {
                return (await RustGuestBuild.BuildAsync(directory, sdk, output, cancellationToken: cancellationToken).ConfigureAwait(false), null, false);
            }
            catch (RustGuestBuildException e)
            {
                return (null, e.Message, false);
            }
        }

        var (toolchain, problem) = await CGuestBuild.FindToolchainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (toolchain is null)
        {
            return (null, problem, true);
        }

        var result = await CGuestBuild.BuildAsync(directory, sdk, output, toolchain, cancellationToken).ConfigureAwait(false);
        return (result.WasmPath, result.Error, false);
    }
}
