using Hakiri.Model.Steps;
using System.CommandLine;
using Hakiri.Cli.Output;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Running;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri run [PIPELINE…]</c>: runs pipelines locally into the project's store.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var pipelines = new Argument<string[]>("PIPELINE") { Description = "Pipelines to run; all when none is named.", Arity = ArgumentArity.ZeroOrMore };
        var manifest = ProjectOptions.Manifest();
        var json = new Option<bool>("--json") { Description = "Print the run summary as JSON instead of text (no live progress)." };
        var command = new Command("run", "Run pipelines: discover, pull batches, write Parquet + catalog, compact, index.") { pipelines, manifest, json };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(manifest)!, parse.GetValue(pipelines) ?? [], parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string manifestPath, string[] names, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
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
        var runner = session.Runner(progress.Observe);
        try
        {
            var summary = await progress.WrapAsync(() => runner.RunAsync(names.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken)).ConfigureAwait(false);
            progress.Complete(summary);
            return ExitCodes.Ok;
        }
        catch (StepFailedException e)
        {
            progress.Fail();
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("The run failed; nothing it had not committed is in the store. Fix the problem and run again.");
            return e.ErrorName == StepErrors.BadInput || e.ErrorName == StepErrors.SchemaIncompatible ? ExitCodes.BadInput : ExitCodes.RunFailed;
        }
        catch (TimeoutException e)
        {
            progress.Fail();
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
