using System.Globalization;

/// <summary>
/// The quickstart's start-up figures: a copy of <c>samples/quickstart</c> run from an empty store (process start →
/// first record committed, and the whole run with its three pipelines and the products' indexes), then re-run with
/// nothing new. Medians over several runs, each first run on a fresh copy.
/// </summary>
internal static class QuickstartBench
{
    public static void Run(string hakiri, string work, int rounds = 7)
    {
        var sample = Path.GetFullPath(Path.Combine("samples", "quickstart"));
        if (!Directory.Exists(sample))
        {
            Console.WriteLine("quickstart: skipped (run from the repository root to find samples/quickstart)");
            return;
        }

        var firstWrites = new List<double>();
        var firstRuns = new List<(double Seconds, long PeakKb)>();
        var reruns = new List<(double Seconds, long PeakKb)>();
        for (var i = 0; i < rounds; i++)
        {
            var project = Path.Combine(work, "quickstart");
            if (Directory.Exists(project))
            {
                Directory.Delete(project, recursive: true);
            }

            Hakiri.Testing.ProjectCopy.WithoutStore(sample, project);
            var first = HakiriRun.Measure(hakiri, project);
            firstWrites.Add(first.FirstWriteSeconds);
            firstRuns.Add((first.Seconds, first.PeakKb));
            var again = HakiriRun.Measure(hakiri, project);
            reruns.Add((again.Seconds, again.PeakKb));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"quickstart (median of {rounds}): start → first record committed {Median(firstWrites) * 1000:0} ms (goal ≤ 150 ms); " +
            $"whole first run {Median(firstRuns.Select(r => r.Seconds)) * 1000:0} ms, peak RSS {Median(firstRuns.Select(r => r.PeakKb / 1024.0)):0} MiB; " +
            $"re-run with nothing new {Median(reruns.Select(r => r.Seconds)) * 1000:0} ms (goal ≤ 100 ms), peak RSS {Median(reruns.Select(r => r.PeakKb / 1024.0)):0} MiB"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
