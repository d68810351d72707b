using System.CommandLine;
using System.Globalization;
using Hakiri.Model.Manifests;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Indexing;
using Hakiri.Store;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri index rebuild [TABLE] [--model M]</c>: rebuilds the sidecar indexes of the stored tables from their
/// Parquet (which stays canonical), re-embedding text; with <c>--model</c>, only the tables whose vector index uses M.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var table = new Argument<string?>("TABLE") { Description = "The table whose indexes to rebuild; every indexed table when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = "Only the tables whose vector index embeds with this model (e.g. all-MiniLM-L6-v2)." };
        var manifest = ProjectOptions.Manifest();
        var rebuild = new Command("rebuild", "Rebuild full-text and vector indexes from the stored Parquet, re-embedding text.") { table, model, manifest };
        rebuild.SetAction((parse, cancellationToken) => RebuildAsync(parse.GetValue(manifest)!, parse.GetValue(table), parse.GetValue(model),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("index", "Sidecar indexes beside the store's tables (full text, vectors).") { rebuild };
    }

    private static async Task<int> RebuildAsync(string path, string? table, string? model, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var session = ProjectOptions.Load(path, error);
        if (session is null)
        {
            return ExitCodes.BadInput;
        }

        var pipelines = session.Manifest.Pipelines.Where(p => p.Indexes.Any
            && (table is null || string.Equals(p.Table, table, StringComparison.OrdinalIgnoreCase))
            && (model is null || string.Equals(p.Indexes.Vector?.Model, model, StringComparison.OrdinalIgnoreCase))).ToList();
        if (pipelines.Count == 0)
        {
            var indexed = session.Manifest.Pipelines.Where(p => p.Indexes.Any).Select(p => p.Table).ToList();
            error.WriteLine($"{path}: error: no pipeline {Describe(table, model)} declares indexes — indexed tables: {(indexed.Count == 0 ? "none (add [pipelines.<name>.indexes])" : string.Join(", ", indexed))}");
            return ExitCodes.BadInput;
        }

        var context = new StepContext(session.Manifest, session.Layout, options: StepOptions.FromEnvironment())
        {
            Embeddings = LocalEmbeddings.Providers,
            Progress = line => error.WriteLine("hakiri: " + line),
        };
        var build = "rebuild-" + context.Clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        try
        {
            await session.PrepareForReadingAsync(withData: true, cancellationToken).ConfigureAwait(false);
            if (session.Mirror is { } source)
            {
                // Segments of files already gone are dropped too: fetch them so their deletion reaches the bucket.
                using var catalog = Store.Catalog.CatalogDatabase.Open(session.Layout);
                var replaced = pipelines.SelectMany(p => TableIndexer.Replaced(catalog, p, p.Table)).ToList();
                foreach (var segment in replaced)
                {
                    await source.PullPrefixAsync(segment.Path + "/", cancellationToken).ConfigureAwait(false);
                }
            }

            var before = session.Mirror?.Snapshot();
            using (session.Mirror is null ? await StoreLock.AcquireAsync(session.Layout, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false) : null)
            {
                foreach (var pipeline in pipelines)
                {
                    var line = await new TableIndexer(context, pipeline, pipeline.Table, build).RunAsync(rebuild: true, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"{pipeline.Table}: {line}");
                }
            }

            if (session.Mirror is { } mirror)
            {
                await mirror.PushAsync(before!, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
        catch (StepFailedException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static string Describe(string? table, string? model) =>
        (table, model) switch
        {
            (null, null) => string.Empty,
            (_, null) => $"writing table '{table}'",
            (null, _) => $"with a vector index on model '{model}'",
            _ => $"writing table '{table}' with a vector index on model '{model}'",
        };
}
