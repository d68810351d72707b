using System.CommandLine;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Redaction;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri redact apply PIPELINE…</c>: rewrites every live file of each pipeline's table under the manifest's
/// <c>redact</c> and records it in the catalog, one transaction per table. A run refuses a changed redaction over
/// stored data until this is run; values already dropped or hashed cannot be brought back.
/// </summary>
internal static class RedactCommand
{
    public static Command Create()
    {
        var pipelines = new Argument<string[]>("PIPELINE") { Description = "The pipelines whose stored tables to rewrite.", Arity = ArgumentArity.OneOrMore };
        var manifest = ProjectOptions.Manifest();
        var apply = new Command("apply", "Rewrite every stored file of the pipelines' tables under the manifest's redact (drop or hash), and record it.")
        {
            pipelines, manifest,
        };
        apply.SetAction((parse, cancellationToken) => ApplyAsync(parse.GetValue(manifest)!, parse.GetValue(pipelines)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("redact", "Keep sensitive columns out of the store: apply a changed [pipelines.x] redact to the data already stored.") { apply };
    }

    private static async Task<int> ApplyAsync(string path, string[] names, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var session = ProjectOptions.Load(path, error);
        if (session is null)
        {
            return ExitCodes.BadInput;
        }

        var unknown = names.Where(n => session.Manifest.FindPipeline(n) is null).ToArray();
        if (unknown.Length > 0)
        {
            error.WriteLine($"{path}: error: no pipeline named {string.Join(", ", unknown.Select(n => $"'{n}'"))} — the manifest has {string.Join(", ", session.Manifest.Pipelines.Select(p => p.Name))}");
            return ExitCodes.BadInput;
        }

        var context = new StepContext(session.Manifest, session.Layout, options: StepOptions.FromEnvironment());
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var result = await ApplyOneAsync(session, context, name, cancellationToken).ConfigureAwait(false);
                Print(output, name, result);
            }
            catch (StepFailedException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<RedactApplyResult> ApplyOneAsync(StoreSession session, StepContext context, string name, CancellationToken cancellationToken)
    {
        if (session.Mirror is not { } mirror)
        {
            return RedactApply.Run(context, name, RunIds.New(context.Clock));
        }

        await mirror.PullCatalogAsync(cancellationToken).ConfigureAwait(false);
        using (var catalog = CatalogDatabase.Open(mirror.Local))
        {
            await mirror.PullFilesAsync(catalog.ListFiles(context.Pipeline(name).Table).Select(f => f.Path), cancellationToken).ConfigureAwait(false);
        }

        var before = mirror.Snapshot();
        var result = RedactApply.Run(context, name, RunIds.New(context.Clock));
        await mirror.PushAsync(before, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static void Print(TextWriter output, string pipeline, RedactApplyResult result)
    {
        var now = result.After.Describe();
        output.WriteLine(result.FilesRewritten == 0
            ? $"{pipeline}: table {result.Table} is now under {now} (was {result.Before.Describe()}); no stored file needed rewriting"
            : $"{pipeline}: rewrote {result.FilesRewritten} file(s), {result.RowsRewritten} row(s) of table {result.Table} under {now} (was {result.Before.Describe()})");
        if (result.Dropped.Count > 0)
        {
            output.WriteLine($"  dropped: {string.Join(", ", result.Dropped)}");
        }

        if (result.Hashed.Count > 0)
        {
            output.WriteLine($"  hashed: {string.Join(", ", result.Hashed)}");
        }

        if (result.Unrecoverable.Count > 0)
        {
            output.WriteLine($"  note: the stored values of {string.Join(", ", result.Unrecoverable)} stay as they were redacted — redaction cannot be undone; "
                + "rows written from now on store them as the manifest says");
        }
    }
}
