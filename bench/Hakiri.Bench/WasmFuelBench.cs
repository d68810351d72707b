using System.Diagnostics;
using System.Globalization;
using Hakiri.Wasm;
using Hakiri.Wasm.Runtime;

/// <summary>
/// What fuel metering costs: the same guest reads the same pages of the items API (discover, then open and next until
/// the end; the host imports each page's Arrow batch), timed in a child process whose Wasmtime engine meters fuel and in
/// one whose engine does not (<c>WasmEngine.MeterFuel</c>: the engine is per process). Compilation is outside the
/// timing; each child reads once untimed, then <see cref="Rounds"/> times. The modes alternate, twice each.
/// </summary>
internal static class WasmFuelBench
{
    private const int Rounds = 3;
    private const string Marker = "HAKIRI_READ";

    public static async Task RunAsync(IReadOnlyList<WasmGuest> guests, string baseUrl, int items)
    {
        foreach (var guest in guests)
        {
            var times = new Dictionary<string, List<double>> { ["fuel"] = [], ["no-fuel"] = [] };
            foreach (var mode in new[] { "fuel", "no-fuel", "fuel", "no-fuel" })
            {
                var (rows, seconds) = await ChildAsync(guest.Wasm, baseUrl, mode);
                if (rows != items)
                {
                    throw new InvalidOperationException($"{guest.Language} guest read {rows} rows with {mode}, not {items}");
                }

                times[mode].AddRange(seconds);
            }

            var metered = Median(times["fuel"]);
            var free = Median(times["no-fuel"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fuel {guest.Language,-4} guest read of {items:N0} items in process: with fuel {metered,5:0.000} s ({items / metered,10:N0} rows/s), " +
                $"without {free,5:0.000} s ({items / free,10:N0} rows/s), fuel overhead {(metered / free - 1) * 100,5:0.0}%   " +
                $"(median of {times["fuel"].Count}; with {times["fuel"].Min():0.000}–{times["fuel"].Max():0.000} s, without {times["no-fuel"].Min():0.000}–{times["no-fuel"].Max():0.000} s)"));
        }
    }

    /// <summary>The child: reads the whole table <paramref name="rounds"/> + 1 times, prints the rows and the timed rounds.</summary>
    public static async Task<int> ReadAsync(string wasm, string baseUrl, bool fuel, int rounds)
    {
        WasmEngine.MeterFuel = fuel;
        var seconds = new List<double>();
        long rows = 0;
        for (var round = 0; round <= rounds; round++)
        {
            using var host = WasmBenchHost.Create(baseUrl);
            using var connector = WasmSourceConnector.FromFile("items", "0.1.0", wasm, null, host, cacheDirectory: null);
            await connector.DiscoverAsync();
            var watch = Stopwatch.StartNew();
            rows = 0;
            await using (var reader = await connector.OpenAsync("items", null))
            {
                while (await reader.NextAsync() is { } batch)
                {
                    rows += batch.Records.Length;
                    batch.Records.Dispose();
                }
            }

            if (round > 0)
            {
                seconds.Add(watch.Elapsed.TotalSeconds);
            }
        }

        Console.WriteLine(string.Join(' ', [Marker, rows.ToString(CultureInfo.InvariantCulture), .. seconds.Select(s => s.ToString("R", CultureInfo.InvariantCulture))]));
        return 0;
    }

    private static async Task<(long Rows, double[] Seconds)> ChildAsync(string wasm, string baseUrl, string mode)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(WasmFuelBench).Assembly.Location);
        }

        foreach (var argument in new[] { "wasm-read", wasm, baseUrl, mode, Rounds.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the {mode} read exited {process.ExitCode}:\n{output}");
        var parts = line.Trim().Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), [.. parts[2..].Select(p => double.Parse(p, CultureInfo.InvariantCulture))]);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
