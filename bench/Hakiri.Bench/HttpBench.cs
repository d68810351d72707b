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
            var label = primaryKey ? "primary key" : "no key";
            var dir = Path.Combine(work, primaryKey ? "with-key" : "without-key");
            var manifest = Path.Combine(dir, "hakiri.toml");
            var loads = new List<(double, long)>();
            var upserts = new List<(double, long)>();
            for (var round = 0; round < Rounds; round++)
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                Directory.CreateDirectory(dir);
                File.WriteAllText(manifest, Manifest(api.BaseUrl, perPage, primaryKey));
                loads.Add(Measure.Run(hakiri, ["run", "-m", manifest, "--json"]));
                if (primaryKey)
                {
                    api.TouchAll();
                    upserts.Add(Measure.Run(hakiri, ["run", "-m", manifest, "--json"]));
                }
            }

            Report($"first load ({label})", loads, records, ceiling.Seconds);
            if (primaryKey)
            {
                Report($"upsert all ({label})", upserts, records, ceiling.Seconds);
            }
        }

        return 0;
    }

    private const int Rounds = 3;

    private static string Manifest(string baseUrl, int perPage, bool primaryKey) => $$"""
        [project]
        name = "bench"
        [pipelines.tickets]
        {{(primaryKey ? "primary_key = [\"id\"]" : string.Empty)}}
        [pipelines.tickets.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/tickets"
        records = "data"
        params = { per_page = "{{perPage}}" }
        pagination = { kind = "link" }
        incremental = { field = "updated_at", param = "updated_after" }
        """;

    // The median wall time of the rounds, and the largest peak RSS.
    private static void Report(string what, List<(double Seconds, long PeakKb)> runs, int records, double ceiling)
    {
        var seconds = runs.Select(r => r.Seconds).Order().ElementAt(runs.Count / 2);
        var peak = runs.Max(r => r.PeakKb);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hakiri run {what,-24} {seconds,6:0.00} s ({records / seconds,10:N0} records/s), peak RSS {peak / 1024.0,5:0} MiB | hakiri/ceiling {ceiling / seconds:0.00}x   (median of {runs.Count})"));
    }

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
