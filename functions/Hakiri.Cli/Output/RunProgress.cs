using System.Text.Json;
using Hakiri.Runner;
using Spectre.Console;

namespace Hakiri.Cli.Output;

/// <summary>
/// Shows a run as it happens: a live status line and one line per finished step on a terminal, plain lines when
/// output is redirected, nothing but the final JSON with <c>--json</c>.
/// </summary>
internal sealed class RunProgress
{
    private readonly TextWriter _output;
    private readonly bool _json;
    private readonly IAnsiConsole? _console;

    private RunProgress(TextWriter output, bool json, IAnsiConsole? console)
    {
        _output = output;
        _json = json;
        _console = console;
    }

    public static RunProgress Create(TextWriter output, bool json)
    {
        var interactive = !json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return new RunProgress(output, json, interactive ? AnsiConsole.Console : null);
    }

    private StatusContext? _status;

    /// <summary>Runs <paramref name="run"/> under a live status line on a terminal; plainly otherwise.</summary>
    public async Task<T> WrapAsync<T>(Func<Task<T>> run)
    {
        if (_console is null)
        {
            return await run().ConfigureAwait(false);
        }

        return await _console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting", async context =>
        {
            _status = context;
            try
            {
                return await run().ConfigureAwait(false);
            }
            finally
            {
                _status = null;
            }
        }).ConfigureAwait(false);
    }

    public void Observe(RunEvent e)
    {
        if (!e.Finished)
        {
            _status?.Status(Markup.Escape(e.Table is null ? $"{e.Step}…" : $"{e.Step} {e.Table}…"));
            return;
        }

        if (_json)
        {
            return;
        }

        var subject = e.Table is null ? e.Step : $"{e.Step} {e.Table}";
        var seconds = e.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        if (_console is not null)
        {
            _console.MarkupLine($"[green]✓[/] {Markup.Escape(subject)}: {Markup.Escape(e.Detail)} [grey]({seconds} s)[/]");
        }
        else
        {
            _output.WriteLine($"{subject}: {e.Detail} ({seconds} s)");
        }
    }

    public void Complete(RunSummary summary)
    {
        if (_json)
        {
            _output.WriteLine(JsonSerializer.Serialize(summary, CliJsonContext.Default.RunSummary));
            return;
        }

        var rows = summary.Tables.Sum(t => t.RowsAdded);
        var bytes = summary.Tables.Sum(t => t.BytesWritten);
        _output.WriteLine($"run {summary.RunId} succeeded in {summary.Elapsed.TotalSeconds:0.00} s: {rows} rows, {summary.Tables.Sum(t => t.FilesWritten)} files, {Sizes.Format(bytes)} written");
        foreach (var table in summary.Tables)
        {
            var skipped = table.RowsSkipped > 0 ? $", {table.RowsSkipped} malformed rows skipped" : string.Empty;
            _output.WriteLine($"  {table.Table}: {table.RowsAdded} added, {table.RowsReplaced} replaced{skipped}; {table.RowCount} rows in table");
            if (table.IndexMessage.StartsWith("indexes:", StringComparison.Ordinal))
            {
                _output.WriteLine($"  {table.Table}: {table.IndexMessage}");
            }
        }

        if (summary.InterruptedRunsRecovered.Count > 0)
        {
            _output.WriteLine($"  recovered from interrupted run(s): {string.Join(", ", summary.InterruptedRunsRecovered)}");
        }
    }
}
