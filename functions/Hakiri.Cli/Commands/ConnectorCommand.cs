using System.CommandLine;
using Hakiri.Cli.Connectors;
using Hakiri.Connectors;
using Hakiri.Connectors.Cassettes;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Runner;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Wasm;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri connector test PIPELINE [--cassette FILE]</c>: replays a recorded cassette with no network at all, runs
/// the pipeline's discover and every batch through the emulated state machine into a throwaway store, and prints the
/// tables, row counts and schema. Exit 0 when the replay completes, 1 when it does not, 2 for bad input.
/// </summary>
internal static class ConnectorCommand
{
    // Secrets are not needed to replay (the cassette holds no secrets and requests match with them redacted), but
    // connectors refuse to start without their variables: unset ones read as this.
    private const string ReplaySecret = "replayed-without-secret";

    public static Command Create()
    {
        var pipeline = new Argument<string>("PIPELINE") { Description = "The connector pipeline to test." };
        var cassette = new Option<string?>("--cassette") { Description = "The cassette to replay (default: fixtures/<PIPELINE>/cassette.json beside the manifest)." };
        var manifest = ProjectOptions.Manifest();
        var test = new Command("test", "Replay a pipeline's recorded HTTP exchanges offline into a throwaway store and print its tables, rows and schema.")
        {
            pipeline, cassette, manifest,
        };
        test.SetAction((parse, cancellationToken) => TestAsync(parse.GetValue(manifest)!, parse.GetValue(pipeline)!, parse.GetValue(cassette),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("connector", "Write, build, inspect and test connectors: WebAssembly connectors from a template, any connector pipeline offline from a cassette.")
        {
            ConnectorNewCommand.Create(), ConnectorBuildCommand.Create(), ConnectorInspectCommand.Create(), test,
        };
    }

    private static async Task<int> TestAsync(string manifestPath, string name, string? cassettePath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var manifest = ProjectOptions.LoadManifest(manifestPath, error);
        if (manifest is null)
        {
            return ExitCodes.BadInput;
        }

        if (manifest.FindPipeline(name) is not { } pipeline)
        {
            error.WriteLine($"{manifestPath}: error: no pipeline named '{name}' — the manifest has {string.Join(", ", manifest.Pipelines.Select(p => p.Name))}");
            return ExitCodes.BadInput;
        }

        if (pipeline.Source is FileSourceManifest or S3SourceManifest)
        {
            var reads = pipeline.Source is S3SourceManifest s3 ? $"objects of {s3.Url}" : "local files";
            error.WriteLine($"{manifestPath}: error: pipeline '{name}' reads {reads}; cassettes replay HTTP connectors (http, github) — test it with 'hakiri run {name}'");
            return ExitCodes.BadInput;
        }

        var path = Path.GetFullPath(cassettePath ?? CassettePaths.Default(manifest, name));
        if (!File.Exists(path))
        {
            error.WriteLine($"error: no cassette at {CassettePaths.Display(path)} — record one with 'hakiri run --record {name} -m {manifestPath}', or pass --cassette FILE");
            return ExitCodes.BadInput;
        }

        CassetteReplayer replayer;
        try
        {
            replayer = CassetteReplayer.Load(path, SourceConnectors.Redactor(pipeline, Environment.GetEnvironmentVariable), name);
        }
        catch (CassetteFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        using (replayer)
        {
            return await ReplayAsync(manifest, pipeline, replayer, output, error, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReplayAsync(ProjectManifest manifest, PipelineManifest pipeline, CassetteReplayer replayer, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var secrets = SourceConnectors.SecretVariables(pipeline);
        string? Environment(string variable) =>
            System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : secrets.Contains(variable) ? ReplaySecret : null;
        var store = Path.Combine(Path.GetTempPath(), "hakiri-connector-test-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var throwaway = manifest with { Store = new LocalStoreLocation(store) };
            var services = new ConnectorServices(replayer, Environment, TimeProvider.System, line => error.WriteLine($"  {line}"), Wasm: WasmConnectors.Create);
            var context = new StepContext(throwaway, new StoreLayout(store), options: StepOptions.FromEnvironment(), connectors: _ => services);
            output.WriteLine($"replaying {CassettePaths.Display(replayer.CassettePath)} ({replayer.Cassette.Interactions.Count} recorded exchange(s)) for pipeline '{pipeline.Name}'");
            try
            {
                await PipelineRunner.Local(context).RunAsync([pipeline.Name], cancellationToken).ConfigureAwait(false);
            }
            catch (StepFailedException e)
            {
                error.WriteLine($"error: {e.Message}");
                error.WriteLine($"The replay did not complete ({replayer.ServedCount} exchange(s) served).");
                return ExitCodes.RunFailed;
            }

            Report(context, pipeline, replayer, output);
            return ExitCodes.Ok;
        }
        finally
        {
            if (Directory.Exists(store))
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }

    private static void Report(StepContext context, PipelineManifest pipeline, CassetteReplayer replayer, TextWriter output)
    {
        using var catalog = context.OpenCatalog();
        var table = catalog.GetTable(pipeline.Table);
        output.WriteLine($"table {pipeline.Table}: {table?.RowCount ?? 0} row(s) from {replayer.ServedCount} replayed exchange(s)");
        foreach (var column in table?.Columns.Where(c => !ProvenanceColumns.Contains(c.Name)) ?? [])
        {
            var key = table!.PrimaryKey.Contains(column.Name, StringComparer.Ordinal) ? "  (primary key)" : string.Empty;
            output.WriteLine($"  {column.Name}  {column.Type}{key}");
        }

        if (catalog.GetCursor(pipeline.Table) is { } cursor)
        {
            output.WriteLine($"cursor after the replay: {cursor}");
        }

        if (!replayer.AllInteractionsUsed)
        {
            output.WriteLine($"note: {replayer.UnusedInteractions.Count} recorded exchange(s) were not requested; the connector now asks for less than it did when the cassette was recorded");
        }
    }
}
