using Hakiri.Model.Steps;
using System.CommandLine;
using Hakiri.Cli.Connectors;
using Hakiri.Cli.Output;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Runner;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri run [PIPELINE…]</c>: runs pipelines locally into the project's store.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var pipelines = new Argument<string[]>("PIPELINE") { Description = "Pipelines to run; all when none is named.", Arity = ArgumentArity.ZeroOrMore };
        var manifest = ProjectOptions.Manifest();
        var json = new Option<bool>("--json") { Description = "Print the run summary as JSON instead of text (no live progress)." };
        var via = new Option<string>("--via") { Description = "Where the steps run: in this process, or in the Lambda bootstrap binary behind a local Runtime API, sized and timed out by [deploy.aws] memory_mb and timeout_seconds as the deployed functions are.", DefaultValueFactory = _ => "process" };
        via.AcceptOnlyFromAmong("process", "lambda");
        var bootstrap = new Option<string?>("--bootstrap")
        {
            Description = "The bootstrap binary for --via lambda (default: $HAKIRI_BOOTSTRAP, or 'bootstrap' beside hakiri).",
        };
        var record = new Option<bool>("--record")
        {
            Description = "Record every HTTP exchange of the run's connector pipelines to fixtures/<pipeline>/cassette.json (secrets redacted) for 'hakiri connector test'.",
        };
        var command = new Command("run", "Run pipelines: the emitted state machine, executed by the local emulator — discover, pull batches, write Parquet + catalog, compact, index.")
        {
            pipelines, manifest, json, via, bootstrap, record,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(manifest)!, parse.GetValue(pipelines) ?? [], parse.GetValue(json), parse.GetValue(record),
            parse.GetValue(via) == "lambda" ? parse.GetValue(bootstrap) ?? DefaultBootstrap() : null,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static string DefaultBootstrap() =>
        Environment.GetEnvironmentVariable("HAKIRI_BOOTSTRAP") is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "bootstrap");

    private static async Task<int> RunAsync(
        string manifestPath, string[] names, bool json, bool record, string? bootstrap, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (record && bootstrap is not null)
        {
            error.WriteLine("error: --record records the HTTP exchanges of this process; it cannot be combined with --via lambda, where the steps run in the bootstrap");
            return ExitCodes.BadInput;
        }

        if (bootstrap is not null && !File.Exists(bootstrap))
        {
            error.WriteLine($"error: no bootstrap binary at {bootstrap} — build it with scripts/package-aws.sh and pass --bootstrap artifacts/lambda/publish/bootstrap");
            return ExitCodes.BadInput;
        }

        using var session = ProjectOptions.Load(manifestPath, error, missingDirectoriesAreErrors: true);
        if (session is null)
        {
            return ExitCodes.BadInput;
        }

        var manifest = session.Manifest;
        var unknown = names.Where(n => manifest.FindPipeline(n) is null).ToArray();
        if (unknown.Length > 0)
        {
            error.WriteLine($"{manifestPath}: error: no pipeline named {string.Join(", ", unknown.Select(n => $"'{n}'"))} — the manifest has {string.Join(", ", manifest.Pipelines.Select(p => p.Name))}");
            return ExitCodes.BadInput;
        }

        using var tracing = Tracing.Start();
        var progress = RunProgress.Create(output, json);
        using var recording = record ? new CassetteRecording(manifest) : null;
        var runner = session.Runner(progress.Observe, bootstrap is null ? null : Path.GetFullPath(bootstrap), recording is null ? null : recording.ServicesFor);
        try
        {
            var summary = await progress.WrapAsync(() => runner.RunAsync(names.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken)).ConfigureAwait(false);
            progress.Complete(summary);
            foreach (var (pipeline, path, exchanges) in recording?.Save() ?? [])
            {
                (json ? error : output).WriteLine($"recorded {exchanges} HTTP exchange(s) of pipeline '{pipeline}' to {CassettePaths.Display(path)}");
            }

            return ExitCodes.Ok;
        }
        catch (StepFailedException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The run failed; nothing it had not committed is in the store. Fix the problem and run again.");
            return e.ErrorName == StepErrors.BadInput || e.ErrorName == StepErrors.SchemaIncompatible ? ExitCodes.BadInput : ExitCodes.RunFailed;
        }
        catch (TimeoutException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
