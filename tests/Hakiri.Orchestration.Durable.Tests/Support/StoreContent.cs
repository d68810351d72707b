using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;
using Hakiri.Store.Query;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>Hashes a store's tables with DuckDB: every row ordered, run ids and ingest timestamps excluded.</summary>
internal static class StoreContent
{
    private const string Hash = """
        SELECT (SELECT md5(string_agg(CAST(o AS VARCHAR), '|' ORDER BY CAST(o AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM orders) AS o)
            || (SELECT md5(string_agg(CAST(c AS VARCHAR), '|' ORDER BY CAST(c AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM customers) AS c)
            || (SELECT md5(string_agg(CAST(p AS VARCHAR), '|' ORDER BY CAST(p AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM products) AS p) AS h
        """;

    public static string Of(StoreLayout layout)
    {
        using var catalog = CatalogDatabase.Open(layout);
        using var engine = StoreQueryEngine.Open(layout, catalog);
        using var reader = engine.Connection.Query(Hash);
        Assert.True(reader.Read());
        return reader.GetString(0);
    }

    /// <summary>Pulls a remote store's catalog and live files into <paramref name="local"/>, then hashes it.</summary>
    public static async Task<string> OfRemoteAsync(IObjectStore remote, StoreLayout local)
    {
        var mirror = new StoreMirror(remote, local);
        await mirror.PullCatalogAsync();
        using (var catalog = CatalogDatabase.Open(local))
        {
            await mirror.PullFilesAsync(catalog.ListTables().SelectMany(t => catalog.ListFiles(t.Name)).Select(f => f.Path));
        }

        return Of(local);
    }
}
