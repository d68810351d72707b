using System.CommandLine;
using System.Diagnostics;
using Hakiri.Manifest;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri emit aws -m MANIFEST -o DIR [--stage S]</c>: synthesizes the project's CloudFormation stack. The CDK runs
/// through jsii and Node with reflection, which a Native AOT binary cannot host, so this drives the CDK app
/// (infra/Hakiri.Infra.Aws) as its own process.
/// </summary>
internal static class EmitAwsCommand
{
    private const string AppName = "Hakiri.Infra.Aws";

    public static Command Create()
    {
        var manifest = ProjectOptions.Manifest();
        var output = new Option<string>("--output", "-o") { Description = "The directory the cloud assembly (template and assets) is written to.", DefaultValueFactory = _ => "cdk.out" };
        var stage = new Option<string>("--stage") { Description = "Deployment stage; the stack is named hakiri-<project>-<stage>.", DefaultValueFactory = _ => "dev" };
        var asset = new Option<string?>("--asset") { Description = "The Lambda package; default: artifacts/lambda/hakiri-functions.zip (scripts/package-aws.sh writes it)." };
        var noMcpUrl = new Option<bool>("--no-mcp-url-output") { Description = "Leave the MCP function URL out of the stack outputs (moto skips AWS::Lambda::Url and fails on such an output)." };
        var command = new Command("aws", "The AWS CloudFormation stack (CDK): store bucket, a Lambda function per step, the state machine, schedules, the MCP function URL.")
        {
            manifest, output, stage, asset, noMcpUrl,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var manifestPath = parse.GetValue(manifest)!;
            var loaded = ManifestLoader.LoadProject(manifestPath);
            Output.DiagnosticPrinter.Print(error, loaded.Diagnostics);
            if (loaded.Value is null || loaded.Diagnostics.Any(d => d.IsError))
            {
                return ExitCodes.BadInput;
            }

            if (FindOnPath("node") is null)
            {
                error.WriteLine("error: `node` is not on PATH; the AWS CDK needs Node.js (18 or later) to synthesize — install it and retry");
                return ExitCodes.BadInput;
            }

            if (FindApp() is not { } app)
            {
                error.WriteLine($"error: cannot find the CDK app {AppName}; build it (dotnet build infra/{AppName}) or set HAKIRI_INFRA_AWS to its .dll or .csproj");
                return ExitCodes.BadInput;
            }

            var zip = parse.GetValue(asset) ?? DefaultAsset();
            if (!File.Exists(zip))
            {
                error.WriteLine($"{zip}: error: the Lambda package does not exist — build it with scripts/package-aws.sh, or pass --asset");
                return ExitCodes.BadInput;
            }

            List<string> arguments = [.. app, "--manifest", Path.GetFullPath(manifestPath), "--asset", Path.GetFullPath(zip), "--stage", parse.GetValue(stage)!, "--out", Path.GetFullPath(parse.GetValue(output)!)];
            if (parse.GetValue(noMcpUrl))
            {
                arguments.Add("--no-mcp-url-output");
            }

            return await RunAsync(arguments, parse.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The <c>dotnet</c> arguments that start the app: a built .dll, or <c>run --project</c> on its sources.</summary>
    private static string[]? FindApp()
    {
        if (Environment.GetEnvironmentVariable("HAKIRI_INFRA_AWS") is { Length: > 0 } configured)
        {
            return configured.EndsWith(".csproj", StringComparison.Ordinal) || Directory.Exists(configured)
                ? ["run", "--project", configured, "--"]
                : File.Exists(configured) ? [configured] : null;
        }

        foreach (var root in RepositoryRoots())
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

    private static string DefaultAsset() =>
        RepositoryRoots().Select(r => Path.Combine(r, "artifacts", "lambda", "hakiri-functions.zip")).FirstOrDefault(File.Exists)
        ?? Path.Combine("artifacts", "lambda", "hakiri-functions.zip");

    /// <summary>Directories above the working directory and the binary that hold Hakiri.sln.</summary>
    private static IEnumerable<string> RepositoryRoots()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hakiri.sln")))
                {
                    yield return dir.FullName;
                    break;
                }
            }
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static async Task<int> RunAsync(IEnumerable<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

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
        output.Write(await stdout.ConfigureAwait(false));
        error.Write(await stderr.ConfigureAwait(false));
        return process.ExitCode switch
        {
            0 => ExitCodes.Ok,
            2 => ExitCodes.BadInput,
            _ => ExitCodes.RunFailed,
        };
    }
}
