using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Runs <c>hakiri run</c> on a project under GNU time, reading its progress lines as they come: the wall time, the peak
/// RSS, the seconds each step took (summed over tables and batches), and when the first <c>write</c> step finished —
/// the moment the run's first record is committed, counted from process start.
/// </summary>
internal static class HakiriRun
{
    public sealed record Result(double Seconds, long PeakKb, double FirstWriteSeconds, IReadOnlyDictionary<string, double> Steps)
    {
        /// <summary>The slowest of several runs when the figure is their fastest (IngestBench's BENCH_RUNS); else Seconds.</summary>
        public double Slowest { get; init; } = Seconds;
    }

    public static Result Measure(string hakiri, string project, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = project };
        foreach (var argument in new[] { "-f", "HAKIRI_BENCH %e %M", hakiri, "run" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        double firstWrite = double.NaN;
        var steps = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var output = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            output.Add(line);
            var step = line.Split(' ', ':')[0];
            if (step == "write" && double.IsNaN(firstWrite))
            {
                firstWrite = clock.Elapsed.TotalSeconds;
            }

            // "pull-batch bench: 1000000 rows … (1.23 s)"
            var open = line.LastIndexOf(" (", StringComparison.Ordinal);
            if (open > 0 && line.EndsWith(" s)", StringComparison.Ordinal)
                && double.TryParse(line[(open + 2)..^3], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                steps[step] = steps.GetValueOrDefault(step) + seconds;
            }
        }

        var stderr = errors.GetAwaiter().GetResult();
        process.WaitForExit();
        var timing = stderr.Split('\n').LastOrDefault(l => l.StartsWith("HAKIRI_BENCH ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || timing is null)
        {
            throw new InvalidOperationException($"hakiri run in {project} failed ({process.ExitCode}):\n{string.Join('\n', output)}\n{stderr}");
        }

        var parts = timing.Split(' ');
        return new Result(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), firstWrite, steps);
    }
}
