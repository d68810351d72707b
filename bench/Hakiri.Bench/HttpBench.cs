using System.Diagnostics;
using System.Globalization;
using Hakiri.Testing.Http;

/// <summary>
/// http connector benchmark (not a test): RECORDS realistic tickets (nested objects, lists, nulls, non-ASCII) over
/// PAGES Link-paged pages from a local API; a bare HttpClient loop that only reads the bodies is the ceiling; then the
/// Native AOT `hakiri run` lands them — first load and an upsert of every record with a primary key, and a first load
/// without one — and the records/s, the ratio to the ceiling and the peak RSS are printed.
/// </summary>
internal static class HttpBench
{
    public static async Task<int> RunAsync(string hakiri, int records, int pages, string work)
    {
        var perPage = Math.Max(1, records / pages);
        await using var api = await TicketsApi.StartAsync(records);
        Console.WriteLine($"records: {records:N0} over {pages:N0} pages of {perPage}   machine: {Environment.ProcessorCount} cores   api: {api.BaseUrl}");

        // Once to warm the API server (JIT, caches), then measured.
        await CeilingAsync($"{api.BaseUrl}/tickets?page=1&per_page={perPage}");
        var ceiling = await CeilingAsync($"{api.BaseUrl}/tickets?page=1&per_page={perPage}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling  HttpClient loop reading bodies: {ceiling.Seconds,6:0.00} s ({records / ceiling.Seconds,10:N0} records/s), {ceiling.Bytes / 1048576.0:0.0} MiB of JSON"));

        foreach (var primaryKey in new[] { true, false })
        {
            var dir = Path.Combine(work, primaryKey ? "with-key" : "without-key");
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
            var manifest = Path.Combine(dir, "hakiri.toml");
            File.WriteAllText(manifest, $$"""
                [project]
                name = "bench"
                [pipelines.tickets]
                {{(primaryKey ? "primary_key = [\"id\"]" : string.Empty)}}
                [pipelines.tickets.source]
                connector = "http"
                base_url = "{{api.BaseUrl}}"
                path = "/tickets"
                records = "data"
                params = { per_page = "{{perPage}}" }
                pagination = { kind = "link" }
                incremental = { field = "updated_at", param = "updated_after" }
                """);
            var label = primaryKey ? "primary key" : "no key";
            Report($"first load ({label})", Measure.Run(hakiri, ["run", "-m", manifest, "--json"]), records, ceiling.Seconds);
            if (primaryKey)
            {
                api.TouchAll();
                Report($"upsert all ({label})", Measure.Run(hakiri, ["run", "-m", manifest, "--json"]), records, ceiling.Seconds);
            }
        }

        return 0;
    }

    private static void Report(string what, (double Seconds, long PeakKb) run, int records, double ceiling) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hakiri run {what,-24} {run.Seconds,6:0.00} s ({records / run.Seconds,10:N0} records/s), peak RSS {run.PeakKb / 1024.0,5:0} MiB | hakiri/ceiling {ceiling / run.Seconds:0.00}x"));

    private static async Task<(double Seconds, long Bytes)> CeilingAsync(string first)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All });
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        for (var url = first; url is not null;)
        {
            using var response = await client.GetAsync(new Uri(url));
            response.EnsureSuccessStatusCode();
            bytes += (await response.Content.ReadAsByteArrayAsync()).Length;
            url = response.Headers.TryGetValues("Link", out var links) ? NextLink(string.Join(",", links)) : null;
        }

        return (watch.Elapsed.TotalSeconds, bytes);
    }

    // The bench API writes exactly one link: <url>; rel="next".
    private static string? NextLink(string header) =>
        header.Contains("rel=\"next\"", StringComparison.Ordinal) ? header[(header.IndexOf('<', StringComparison.Ordinal) + 1)..header.IndexOf('>', StringComparison.Ordinal)] : null;
}
