using System.CommandLine;
using System.Globalization;
using Hakiri.Cli.Output;
using Hakiri.Store.Catalog;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri tables</c> and <c>hakiri runs</c>: what the catalog knows.</summary>
internal static class CatalogCommands
{
    public static Command Tables()
    {
        var manifest = ProjectOptions.Manifest();
        var command = new Command("tables", "List the store's tables: rows, files, size, columns.") { manifest };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, parse.InvocationConfiguration.Error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            await project.PrepareForReadingAsync(withData: false, cancellationToken).ConfigureAwait(false);

            var output = parse.InvocationConfiguration.Output;
            using var catalog = CatalogDatabase.Open(project.Layout);
            var tables = catalog.ListTables();
            if (tables.Count == 0)
            {
                output.WriteLine("No tables yet: run 'hakiri run' to land the pipelines.");
                return ExitCodes.Ok;
            }

            foreach (var table in tables)
            {
                output.WriteLine($"{table.Name}: {table.RowCount} rows in {table.FileCount} file(s), {Sizes.Format(table.ByteCount)}, from pipeline {table.Pipeline} ({table.Connector})");
                output.WriteLine($"  columns: {string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.Type}"))}");
                if (table.PrimaryKey.Count > 0)
                {
                    output.WriteLine($"  primary key: {string.Join(", ", table.PrimaryKey)}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Runs()
    {
        var manifest = ProjectOptions.Manifest();
        var limit = new Option<int>("--limit", "-n") { Description = "How many recent runs to show.", DefaultValueFactory = _ => 20 };
        var command = new Command("runs", "List recent runs, newest first; 'runs show RUN' for one run's history.") { manifest, limit, RunsShowCommand.Create() };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, parse.InvocationConfiguration.Error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            await project.PrepareForReadingAsync(withData: false, cancellationToken).ConfigureAwait(false);

            var output = parse.InvocationConfiguration.Output;
            using var catalog = CatalogDatabase.Open(project.Layout);
            var runs = catalog.ListRuns(Math.Max(1, parse.GetValue(limit)));
            if (runs.Count == 0)
            {
                output.WriteLine("No runs yet: 'hakiri run' starts one.");
            }

            foreach (var run in runs)
            {
                var duration = run.FinishedAt is { } end ? (end - run.StartedAt).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "-";
                output.WriteLine($"{run.RunId}  {run.Status,-9}  {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z  {duration,9}  {run.RowsWritten} rows  {string.Join(",", run.Pipelines)}");
                if (run.Error is { } failure)
                {
                    output.WriteLine($"  error: {failure}");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
