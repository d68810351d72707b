using System.Diagnostics;
using Hakiri.Emit.Aws;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The CDK app (infra/Hakiri.Infra.Aws) run as its own process: the CDK runs through jsii and Node with reflection,
/// which the Native AOT <c>hakiri</c> binary cannot host.
/// </summary>
internal static class CdkApp
{
    private const string AppName = "Hakiri.Infra.Aws";

    /// <summary>What to synthesize.</summary>
    public sealed record Request(ProjectManifest Project, string Stage, string? Asset, string OutputDirectory, bool McpUrlOutput);

    /// <summary>
    /// Synthesizes the stack into <see cref="Request.OutputDirectory"/>. Returns an exit code; on failure
    /// <paramref name="error"/> holds one sentence (and the app's own output). With <paramref name="echo"/> the app's
    /// output is passed through on success too.
    /// </summary>
    public static async Task<int> SynthesizeAsync(Request request, TextWriter output, TextWriter error, bool echo, CancellationToken cancellationToken)
    {
        if (FindOnPath("node") is null)
        {
            error.WriteLine("error: `node` is not on PATH; the AWS CDK needs Node.js (18 or later) to synthesize — install it and retry");
            return ExitCodes.BadInput;
        }

        if (FindApp() is not { } app)
        {
            error.WriteLine($"error: cannot find the CDK app {AppName} (looked in {InstallLayout.InfraApp(AppContext.BaseDirectory, AppName)} and above the working directory for a checkout); unpack the release bundle again (its lib/infra/aws holds the app), or in a checkout build it (dotnet build infra/{AppName}), or set HAKIRI_INFRA_AWS to its .dll or .csproj");
            return ExitCodes.BadInput;
        }

        var zip = request.Asset ?? DefaultAsset();
        if (!File.Exists(zip))
        {
            error.WriteLine($"{zip}: error: the Lambda package does not exist — build it with scripts/package-aws.sh, install the release bundle (docs/install.md), or pass --asset");
            return ExitCodes.BadInput;
        }

        // libduckdb.so travels as a layer beside the function zip (ADR 0029).
        var layer = DuckDbLayer.Beside(zip);
        if (!File.Exists(layer))
        {
            error.WriteLine($"{layer}: error: the DuckDB layer does not exist beside the Lambda package — scripts/package-aws.sh writes both; rebuild with it or keep {DuckDbLayer.FileName} next to the zip you pass to --asset");
            return ExitCodes.BadInput;
        }

        // libwasmtime.so too, for the functions that run WebAssembly connectors (ADR 0032).
        var wasmtime = WasmtimeLayer.Beside(zip);
        if (WasmtimeLayer.IsNeededBy(request.Project) && !File.Exists(wasmtime))
        {
            error.WriteLine($"{wasmtime}: error: the Wasmtime layer does not exist beside the Lambda package, and a pipeline reads a WebAssembly connector — scripts/package-aws.sh writes it; rebuild with it or keep {WasmtimeLayer.FileName} next to the zip you pass to --asset");
            return ExitCodes.BadInput;
        }

        // The functions read the manifest bundled in the zip: bundle the one being deployed, with its connectors.
        var staging = Directory.CreateTempSubdirectory("hakiri-package-");
        try
        {
            var package = Path.Combine(staging.FullName, "hakiri-functions.zip");
            try
            {
                LambdaPackage.WithManifest(zip, request.Project, package);
            }
            catch (InvalidOperationException e)
            {
                // A connector the package cannot carry (the callers checked, but the files may have moved since).
                error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error.WriteLine($"{zip}: error: cannot add the manifest and its connectors to the Lambda package: {e.Message} — rebuild it with scripts/package-aws.sh");
                return ExitCodes.BadInput;
            }

            return await RunAppAsync(app, request, package, layer, wasmtime, output, error, echo, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private static async Task<int> RunAppAsync(string[] app, Request request, string zip, string layer, string wasmtime, TextWriter output, TextWriter error, bool echo, CancellationToken cancellationToken)
    {
        List<string> arguments = [.. app, "--manifest", Path.GetFullPath(request.Project.ManifestPath), "--asset", Path.GetFullPath(zip), "--layer", layer, "--wasmtime-layer", wasmtime, "--stage", request.Stage, "--out", Path.GetFullPath(request.OutputDirectory)];
        if (!request.McpUrlOutput)
        {
            arguments.Add("--no-mcp-url-output");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(info.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error.WriteLine($"error: cannot start `dotnet` to run the CDK app: {e.Message} — install the .NET runtime (10 or later) and retry");
            return ExitCodes.BadInput;
        }

        using var _ = process;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (echo || process.ExitCode != 0)
        {
            output.Write(await stdout.ConfigureAwait(false));
            error.Write(await stderr.ConfigureAwait(false));
        }

        if (process.ExitCode != 0)
        {
            error.WriteLine($"error: synthesizing the CloudFormation stack failed (the CDK app exited with {process.ExitCode}; its output is above) — nothing was deployed");
        }

        return process.ExitCode switch
        {
            0 => ExitCodes.Ok,
            2 => ExitCodes.BadInput,
            _ => ExitCodes.RunFailed,
        };
    }

    /// <summary>
    /// The <c>dotnet</c> arguments that start the app: HAKIRI_INFRA_AWS, else the copy in the release bundle beside the
    /// binary, else a built .dll or <c>run --project</c> on the sources of a checkout.
    /// </summary>
    private static string[]? FindApp()
    {
        if (Environment.GetEnvironmentVariable("HAKIRI_INFRA_AWS") is { Length: > 0 } configured)
        {
            return configured.EndsWith(".csproj", StringComparison.Ordinal) || Directory.Exists(configured)
                ? ["run", "--project", configured, "--"]
                : File.Exists(configured) ? [configured] : null;
        }

        // The bundle's own copy comes before a checkout's: it matches this binary's version.
        var installed = InstallLayout.InfraApp(AppContext.BaseDirectory, AppName);
        if (File.Exists(installed))
        {
            return [installed];
        }

        foreach (var root in InstallLayout.RepositoryRoots())
        {
            var project = Path.Combine(root, "infra", AppName);
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var dll = Path.Combine(project, "bin", configuration, "net10.0", AppName + ".dll");
                if (File.Exists(dll))
                {
                    return [dll];
                }
            }

            if (File.Exists(Path.Combine(project, AppName + ".csproj")))
            {
                return ["run", "--project", project, "--"];
            }
        }

        return null;
    }

    /// <summary>The bundle's Lambda package beside the binary, else a checkout's artifacts/lambda.</summary>
    private static string DefaultAsset() =>
        new[] { InstallLayout.LambdaPackage(AppContext.BaseDirectory) }
            .Concat(InstallLayout.RepositoryRoots().Select(r => Path.Combine(r, "artifacts", "lambda", "hakiri-functions.zip")))
            .FirstOrDefault(File.Exists)
        ?? Path.Combine("artifacts", "lambda", "hakiri-functions.zip");

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
