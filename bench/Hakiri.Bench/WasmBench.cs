using System.Globalization;
using System.Text.Json;
using Hakiri.Testing.Http;

/// <summary>
/// WebAssembly connector benchmark (not a test): ITEMS items from the local items API (tests/Hakiri.Testing/Http/ItemsApi)
/// landed by the Native AOT `hakiri run` through the C items guest, the Rust items guest and the built-in http connector
/// paging the same API the same way — first load with a primary key into an empty store — with rows/s, peak RSS and the
/// guest/built-in ratio; then cold against warm instantiation (<see cref="WasmStartBench"/>) and what fuel metering costs
/// (<see cref="WasmFuelBench"/>).
/// </summary>
internal static class WasmBench
{
    public const int PageSize = 1000;
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string hakiri, int items, string work)
    {
        Directory.CreateDirectory(work);
        var guests = await WasmGuests.BuildAsync(Path.Combine(work, "guests"));
        await using var api = await ItemsApi.StartAsync(items);
        Console.WriteLine($"items: {items:N0} in pages of {PageSize:N0}   machine: {Environment.ProcessorCount} cores   api: {api.BaseUrl}");
        foreach (var guest in guests)
        {
            Console.WriteLine($"guest {guest.Language,-4} {guest.Wasm}: {new FileInfo(guest.Wasm).Length / 1024.0:0.0} KiB");
        }

        // The children share one module cache; each guest's first round compiles into it, the median round is warm.
        Environment.SetEnvironmentVariable("HAKIRI_WASM_CACHE", Path.Combine(work, "module-cache"));
        double? builtIn = null;
        var results = new List<(string Label, double Seconds)>();
        foreach (var (label, connector) in guests.Select(g => ($"{g.Language} guest", (WasmGuest?)g)).Append(("built-in http", null)))
        {
            var dir = Path.Combine(work, "run", label.Replace(' ', '-'));
            var manifest = Path.Combine(dir, "hakiri.toml");
            var runs = new List<(double Seconds, long PeakKb)>();
            long landed = 0;
            for (var round = 0; round < Rounds; round++)
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                Directory.CreateDirectory(dir);
                File.WriteAllText(manifest, connector is null ? HttpManifest(api.BaseUrl) : GuestManifest(api.BaseUrl, connector.Directory));
                var (seconds, peakKb, stdout) = Measure.RunCapturing(hakiri, ["run", "-m", manifest, "--json"]);
                runs.Add((seconds, peakKb));
                landed = RowsInTable(stdout);
            }

            var median = runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);
            results.Add((label, median));
            if (connector is null)
            {
                builtIn = median;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hakiri run {label,-14} first load (primary key) {median,6:0.00} s ({items / median,10:N0} rows/s), peak RSS {runs.Max(r => r.PeakKb) / 1024.0,5:0} MiB, " +
                $"{landed:N0} rows in table   (median of {runs.Count})"));
        }

        foreach (var (label, seconds) in results.Where(r => r.Label != "built-in http"))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} / built-in http speed: {builtIn!.Value / seconds:0.00}x   (goal >= 0.70x)"));
        }

        await WasmStartBench.RunAsync(guests, api.BaseUrl, Path.Combine(work, "start"));
        await WasmFuelBench.RunAsync(guests, api.BaseUrl, items);
        return 0;
    }

    // Every page holds exactly PageSize items but the last; the ids are 1..N, so the offset (records received so far)
    // equals the last id — `after=<offset>` asks for what the guests' `after=<last id>` asks for. The built-in connector
    // stops on a short page, so with N a multiple of the page size it sends one extra request, answered by an empty page.
    private static string HttpManifest(string baseUrl) => $$"""
        [project]
        name = "bench"
        [pipelines.items]
        primary_key = ["id"]
        [pipelines.items.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/items"
        records = "items"
        pagination = { kind = "offset", param = "after", limit = {{PageSize}}, limit_param = "limit" }
        """;

    private static string GuestManifest(string baseUrl, string connectorDirectory) => $$"""
        [project]
        name = "bench"
        [connectors.items]
        path = "{{connectorDirectory}}"
        grant = ["http:127.0.0.1", "env:ITEMS_TOKEN"]
        [pipelines.items]
        primary_key = ["id"]
        [pipelines.items.source]
        connector = "items"
        base_url = "{{baseUrl}}"
        page_size = "{{PageSize}}"
        """;

    // `hakiri run --json` summarises each table written: its rows after the write (row_count).
    private static long RowsInTable(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        return Sum(json.RootElement);

        static long Sum(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().Sum(p => p.Name == "row_count" && p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64() : Sum(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().Sum(Sum),
            _ => 0,
        };
    }
}
