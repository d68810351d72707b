using System.CommandLine;
using Hakiri.Model.Manifests;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri reset PIPELINE…</c>: forgets the committed cursor of connector pipelines, so their next run reads the
/// source from the start. The stored rows stay until then; a change-capture (cdc) run starts over with a snapshot that
/// replaces them, other modes upsert what they read.
/// </summary>
internal static class ResetCommand
{
    public static Command Create()
    {
        var pipelines = new Argument<string[]>("pipeline") { Description = "The pipelines to reset.", Arity = ArgumentArity.OneOrMore };
        var manifest = ProjectOptions.Manifest();
        var command = new Command("reset", "Forget pipelines' committed cursors so their next run reads the source from the start (a cdc pipeline re-snapshots).")
        {
            pipelines, manifest,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            var path = parse.GetValue(manifest)!;
            using var project = ProjectOptions.Load(path, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            var named = parse.GetValue(pipelines)!.Distinct(StringComparer.Ordinal).Select(n => (Name: n, Pipeline: project.Manifest.FindPipeline(n))).ToArray();
            foreach (var (name, pipeline) in named)
            {
                if (pipeline is null)
                {
                    error.WriteLine($"{path}: error: no pipeline named '{name}' — the manifest has {string.Join(", ", project.Manifest.Pipelines.Select(p => p.Name))}");
                    return ExitCodes.BadInput;
                }

                if (pipeline.Source is FileSourceManifest)
                {
                    error.WriteLine($"{path}: error: pipeline '{name}' reads files, which have no cursor to reset; its changed files are read again by themselves");
                    return ExitCodes.BadInput;
                }
            }

            await project.PrepareForReadingAsync(withData: false, cancellationToken).ConfigureAwait(false);
            using (var catalog = CatalogDatabase.Open(project.Layout))
            {
                foreach (var (name, pipeline) in named)
                {
                    var removed = catalog.DeleteCursor(pipeline!.Table);
                    output.WriteLine(removed is null
                        ? $"{name}: no committed cursor; the next run reads the source from the start"
                        : $"{name}: cursor of table {pipeline.Table} forgotten (it was {removed}); the next run reads the source from the start");
                }
            }

            if (project.Mirror is not null)
            {
                await project.Mirror.PushCatalogAsync(cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
