using System.Diagnostics;
using System.Globalization;
using Hakiri.Wasm;
using Hakiri.Wasm.Runtime;

/// <summary>
/// What fuel metering costs: the same guest reads the same pages (discover, then open and next until the end) in a
/// child process whose Wasmtime engine meters fuel and in one whose engine does not (<c>WasmEngine.MeterFuel</c>: the
/// engine is per process). The pages are fetched from the items API before the timing and answered from memory
/// (<see cref="WasmReplayHost"/>), so a read is the guest's decode and Arrow encode, the ABI copies and the host's Arrow
/// import. Compilation is outside the timing; each child reads once untimed, then <see cref="Rounds"/> times, measuring
/// wall time and the process's CPU time. The modes alternate, twice each.
/// </summary>
internal static class WasmFuelBench
{
    private const int Rounds = 5;
    private const string Marker = "HAKIRI_READ";

    public static async Task RunAsync(IReadOnlyList<WasmGuest> guests, string baseUrl, int items)
    {
        foreach (var guest in guests)
        {
            var wall = new Dictionary<string, List<double>> { ["fuel"] = [], ["no-fuel"] = [] };
            var cpu = new Dictionary<string, List<double>> { ["fuel"] = [], ["no-fuel"] = [] };
            foreach (var mode in new[] { "fuel", "no-fuel", "fuel", "no-fuel" })
            {
                var (rows, rounds) = await ChildAsync(guest.Wasm, baseUrl, mode);
                if (rows != items)
                {
                    throw new InvalidOperationException($"{guest.Language} guest read {rows} rows with {mode}, not {items}");
                }

                wall[mode].AddRange(rounds.Select(r => r.Wall));
                cpu[mode].AddRange(rounds.Select(r => r.Cpu));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fuel {guest.Language,-4} guest read of {items:N0} items from memory: wall with fuel {Median(wall["fuel"]),5:0.000} s, without {Median(wall["no-fuel"]),5:0.000} s " +
                $"({Overhead(wall):+0;-0}%); CPU with {Median(cpu["fuel"]),5:0.000} s, without {Median(cpu["no-fuel"]),5:0.000} s ({Overhead(cpu):+0;-0}%)   " +
                $"(median of {wall["fuel"].Count}; wall with {wall["fuel"].Min():0.000}–{wall["fuel"].Max():0.000} s, without {wall["no-fuel"].Min():0.000}–{wall["no-fuel"].Max():0.000} s)"));
        }
    }

    /// <summary>The child: reads the whole table <paramref name="rounds"/> + 1 times, prints the rows and the timed rounds.</summary>
    public static async Task<int> ReadAsync(string wasm, string baseUrl, bool fuel, int rounds)
    {
        WasmEngine.MeterFuel = fuel;
        var host = await WasmReplayHost.RecordAsync(baseUrl);
        var times = new List<string>();
        long rows = 0;
        for (var round = 0; round <= rounds; round++)
        {
            using var connector = WasmSourceConnector.FromFile("items", "0.1.0", wasm, null, host, cacheDirectory: null);
            await connector.DiscoverAsync();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
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

            var wall = watch.Elapsed.TotalSeconds;
            if (round > 0)
            {
                times.Add(string.Create(CultureInfo.InvariantCulture, $"{wall:R}/{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:R}"));
            }
        }

        Console.WriteLine(string.Join(' ', [Marker, rows.ToString(CultureInfo.InvariantCulture), .. times]));
        return 0;
    }

    private static async Task<(long Rows, (double Wall, double Cpu)[] Rounds)> ChildAsync(string wasm, string baseUrl, string mode)
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
        return (long.Parse(parts[1], CultureInfo.InvariantCulture),
            [.. parts[2..].Select(p => p.Split('/')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))]);
    }

    private static double Overhead(Dictionary<string, List<double>> times) => (Median(times["fuel"]) / Median(times["no-fuel"]) - 1) * 100;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
