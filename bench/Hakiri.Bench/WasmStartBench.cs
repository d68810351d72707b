using System.Diagnostics;
using System.Globalization;
using Hakiri.Model.Manifests;
using Hakiri.Connectors.Contract;
using Hakiri.Wasm;
using Hakiri.Wasm.Host;

/// <summary>
/// Cold against warm start, in process: the time to construct a <see cref="WasmSourceConnector"/> from the guest's file
/// and run discover (which instantiates it), with an empty module-cache folder (Wasmtime compiles the module, then
/// writes the cache entry) and with a warm one (the entry is checked and deserialized), median of <see cref="Rounds"/>.
/// One untimed construction first creates the process's engine and warms the JIT.
/// </summary>
internal static class WasmStartBench
{
    private const int Rounds = 7;

    public static async Task RunAsync(IReadOnlyList<WasmGuest> guests, string baseUrl, string work)
    {
        foreach (var guest in guests)
        {
            await StartAsync(guest, baseUrl, null);
            var cold = new List<double>();
            var warm = new List<double>();
            var warmCache = Path.Combine(work, guest.Language, "warm");
            Fresh(warmCache);
            await StartAsync(guest, baseUrl, warmCache);
            for (var round = 0; round < Rounds; round++)
            {
                var coldCache = Path.Combine(work, guest.Language, "cold");
                Fresh(coldCache);
                cold.Add(await StartAsync(guest, baseUrl, coldCache, expectWarm: false));
                warm.Add(await StartAsync(guest, baseUrl, warmCache, expectWarm: true));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"start {guest.Language,-4} guest (construct + discover): cold {Median(cold),7:0.0} ms, warm {Median(warm),6:0.0} ms, cold/warm {Median(cold) / Median(warm):0.0}x   (median of {Rounds})"));
        }
    }

    private static async Task<double> StartAsync(WasmGuest guest, string baseUrl, string? cache, bool? expectWarm = null)
    {
        var watch = Stopwatch.StartNew();
        using var host = WasmBenchHost.Create(baseUrl);
        using var connector = WasmSourceConnector.FromFile("items", "0.1.0", guest.Wasm, null, host, cache);
        var tables = await connector.DiscoverAsync();
        watch.Stop();
        if (tables.Count != 1 || (expectWarm is { } warm && connector.LoadedFromCache != warm))
        {
            throw new InvalidOperationException($"{guest.Language} guest: {tables.Count} tables, loaded from cache: {connector.LoadedFromCache}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Fresh(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>The host an in-process bench guest runs against: the items API granted, the config the runs use.</summary>
internal static class WasmBenchHost
{
    private static readonly HttpMessageHandler Network = ConnectorServices.CreateNetworkHandler(followRedirects: false);

    public static GrantedHost Create(string baseUrl) => new(
        "items",
        new ConnectorGrants([new HostPattern("127.0.0.1", null)], [], Clock: false),
        new Dictionary<string, string> { ["base_url"] = baseUrl, ["page_size"] = WasmBench.PageSize.ToString(CultureInfo.InvariantCulture) },
        ConnectorServices.CreateDefault() with { Http = Network });
}
