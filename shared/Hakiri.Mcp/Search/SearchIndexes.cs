using System.Collections.Concurrent;
using System.Text.Json;
using Hakiri.Embeddings;
using Hakiri.Mcp.Store;
using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;
using Hakiri.Search.Vectors;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Search;

/// <summary>
/// The store's sidecar indexes for a server: which segments are live (re-read from the catalog at most once per
/// refresh interval), opened once each and kept while live (segments are immutable), the row locators of their data
/// files, and the embedding models queries need. Thread-safe.
/// </summary>
internal sealed class SearchIndexes(ContextStore store, StoreLayout layout, EmbeddingProviders? embeddings, TimeSpan refreshInterval) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, object> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<RowLocator>> _locators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IEmbeddingProvider>> _providers = new(StringComparer.Ordinal);
    private IReadOnlyList<IndexSegmentRecord> _segments = [];
    private IReadOnlyDictionary<string, string> _guides = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, long> _fileRows = new Dictionary<string, long>();
    private DateTimeOffset _checked = DateTimeOffset.MinValue;

    /// <summary>The table guides (<c>agent_description</c> and declared indexes) as JSON, by table.</summary>
    public IReadOnlyDictionary<string, string> Guides
    {
        get
        {
            Check();
            return _guides;
        }
    }

    /// <summary>Makes the next use re-read the catalog, after this process changed the segments (a memory write).</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _checked = DateTimeOffset.MinValue;
        }
    }

    /// <summary>The table's opened segments, or <see langword="null"/> when none is live.</summary>
    public TableSearchIndex? For(string table, int liveFiles)
    {
        Check();
        lock (_lock)
        {
            var mine = _segments.Where(s => string.Equals(s.Table, table, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mine.Count == 0)
            {
                return null;
            }

            var fullText = mine.Where(s => s.Kind == "fts").Select(s => Segment(s, FtsSegment.Open)).ToList();
            var vectors = mine.Where(s => s.Kind == "vector").Select(s => Segment(s, VectorSegment.Open)).ToList();
            var spec = mine.FirstOrDefault(s => s.Kind == "fts")?.Spec;
            var analyzer = spec is not null && spec.Contains("\"simple\"", StringComparison.Ordinal) ? TextAnalyzer.Simple : TextAnalyzer.English;
            var model = mine.FirstOrDefault(s => s.Kind == "vector") is { } v ? Model(v.Spec) : null;
            return new TableSearchIndex(table, fullText, vectors, analyzer, model, liveFiles);
        }
    }

    /// <summary>The provenance of the rows of a data file, loaded on first use.</summary>
    public RowLocator Locator<T>(IndexSegment<T> segment) =>
        _locators.GetOrAdd(segment.DataPath, _ => new Lazy<RowLocator>(() =>
        {
            using var lease = store.Rent();
            return RowLocator.Load(lease.Connection, segment.AbsoluteDataPath, segment.DataRows);
        })).Value;

    /// <summary>The provider of <paramref name="model"/>, opened once.</summary>
    /// <exception cref="EmbeddingException">The model cannot run in this server.</exception>
    public IEmbeddingProvider Embedder(string model)
    {
        if (embeddings is null)
        {
            throw new EmbeddingException($"This server cannot embed text with {model}; pass a row as similar_to instead, e.g. {{\"id\": \"…\"}}.");
        }

        var lazy = _providers.GetOrAdd(model, m => new Lazy<IEmbeddingProvider>(() => embeddings.Open(EmbeddingModel.Parse(m))));
        try
        {
            return lazy.Value;
        }
        catch (EmbeddingException)
        {
            _providers.TryRemove(model, out _);
            throw;
        }
    }

    private IndexSegment<T> Segment<T>(IndexSegmentRecord record, Func<string, T> open)
        where T : class
    {
        if (!_open.TryGetValue(record.Path, out var opened))
        {
            opened = open(layout.Absolute(record.Path));
            _open[record.Path] = opened;
        }

        var rows = _fileRows.TryGetValue(record.DataPath, out var count) ? count : 0;
        return new IndexSegment<T>(record.DataPath, layout.Absolute(record.DataPath), rows, (T)opened);
    }

    private void Check()
    {
        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            if (now - _checked < refreshInterval)
            {
                return;
            }

            _checked = now;
            var segments = IndexCatalogReader.LiveSegments(layout);
            _fileRows = IndexCatalogReader.LiveFileRows(layout);
            _guides = IndexCatalogReader.Guides(layout);
            var live = segments.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _open.Keys.Where(p => !live.Contains(p)).ToList())
            {
                (_open[gone] as IDisposable)?.Dispose();
                _open.Remove(gone);
            }

            var liveData = segments.Select(s => s.DataPath).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _locators.Keys.Where(p => !liveData.Contains(p)).ToList())
            {
                _locators.TryRemove(gone, out _);
            }

            _segments = segments;
        }
    }

    private static string? Model(string spec)
    {
        using var document = JsonDocument.Parse(spec);
        return document.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var opened in _open.Values)
            {
                (opened as IDisposable)?.Dispose();
            }

            _open.Clear();
        }

        foreach (var provider in _providers.Values.Where(p => p.IsValueCreated))
        {
            provider.Value.Dispose();
        }
    }
}
