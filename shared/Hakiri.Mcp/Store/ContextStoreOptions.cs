namespace Hakiri.Mcp.Store;

/// <summary>How a <see cref="ContextStore"/> opens DuckDB and keeps up with the catalog.</summary>
public sealed record ContextStoreOptions
{
    /// <summary>Extra DuckDB startup settings, for example <c>threads</c> or <c>memory_limit</c>.</summary>
    public IReadOnlyDictionary<string, string> DuckDbSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Parquet bytes of tables loaded into DuckDB's own in-memory format, in catalog order until the budget is spent.
    /// A filtered scan of a loaded table is several times faster than of its Parquet files; larger tables stay views
    /// over the files. Loading happens in the background, so serving starts at once. Zero turns it off.
    /// </summary>
    public long CacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>How long a catalog check stays fresh: calls within it reuse the last snapshot. Zero checks on every call.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The clock for refresh intervals; tests pass a fake.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
