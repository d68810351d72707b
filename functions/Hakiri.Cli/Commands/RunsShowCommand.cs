using System.CommandLine;
using System.Text.Json;
using Hakiri.Runner;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri runs show RUN</c>: one run's record and its state machine execution history.</summary>
internal static class RunsShowCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "The run id (see 'hakiri runs')." };
        var manifest = ProjectOptions.Manifest();
        var command = new Command("show", "Show a run and its execution history (events like Step Functions' GetExecutionHistory).") { run, manifest };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            var id = parse.GetValue(run)!;
            await project.PrepareForReadingAsync(withData: false, cancellationToken).ConfigureAwait(false);
            if (project.Mirror is { } mirror)
            {
                await mirror.PullFilesAsync([RunHistoryFiles.Of(id)], cancellationToken).ConfigureAwait(false);
            }

            using var catalog = CatalogDatabase.Open(project.Layout);
            if (catalog.GetRun(id) is not { } record)
            {
                error.WriteLine($"error: no run '{id}' in {project.Manifest.Store.Display} — 'hakiri runs' lists them");
                return ExitCodes.BadInput;
            }

            output.WriteLine($"run {record.RunId}: {record.Status}, started {record.StartedAt:yyyy-MM-dd HH:mm:ss}Z, {record.RowsWritten} rows written, pipelines {string.Join(", ", record.Pipelines)}");
            if (record.DefinitionSha256 is { } sha)
            {
                output.WriteLine($"state machine definition sha256 {sha}");
            }

            if (record.Error is { } failure)
            {
                output.WriteLine($"error: {failure}");
            }

            foreach (var connector in catalog.GetRunConnectors(id))
            {
                var grants = connector.Grants.Count == 0 ? "nothing" : string.Join(", ", connector.Grants);
                output.WriteLine($"pipeline {connector.Pipeline}: wasm connector {connector.Connector}@{connector.Version}, sha256 {connector.WasmSha256}, grants {grants}");
            }

            var history = project.Layout.Absolute(RunHistoryFiles.Of(id));
            if (!File.Exists(history))
            {
                output.WriteLine("no execution history was kept for this run");
                return ExitCodes.Ok;
            }

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(history, cancellationToken).ConfigureAwait(false));
            foreach (var e in json.RootElement.GetProperty("events").EnumerateArray())
            {
                output.WriteLine(Describe(e));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // One line per event: id, time, type, then the state name and any error from the event's details object.
    private static string Describe(JsonElement e)
    {
        var line = $"{e.GetProperty("id").GetInt64(),5}  {e.GetProperty("timestamp").GetString()}  {e.GetProperty("type").GetString()}";
        foreach (var details in e.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            if (details.Value.TryGetProperty("name", out var name))
            {
                line += $"  {name.GetString()}";
            }

            if (details.Value.TryGetProperty("error", out var err))
            {
                line += $"  error={err.GetString()}";
            }

            if (details.Value.TryGetProperty("cause", out var cause))
            {
                line += $"  cause={cause.GetString()}";
            }
        }

        return line;
    }
}
