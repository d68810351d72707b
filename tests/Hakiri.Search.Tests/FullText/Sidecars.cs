using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Search.FullText;
using Hakiri.Testing;

namespace Hakiri.Search.Tests.FullText;

/// <summary>Full-text sidecars written into a temporary directory for a test, opened, and disposed with it.</summary>
internal sealed class Sidecars : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly DuckDbDatabase _database = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;
    private readonly List<FtsSegment> _segments = [];

    public Sidecars() => _connection = _database.Connect();

    public DuckDbConnection Connection => _connection;

    public IReadOnlyList<FtsSegment> Segments => _segments;

    public string Root => _directory.Path;

    /// <summary>Writes a segment of one-column documents (rows 0, 1, ...) and returns its directory.</summary>
    public string Write(IEnumerable<string?> texts, TextAnalyzer analyzer = TextAnalyzer.English) =>
        Write(texts.Select((text, row) => new FtsDocument(row, [text])), analyzer);

    public string Write(IEnumerable<FtsDocument> documents, TextAnalyzer analyzer = TextAnalyzer.English)
    {
        var directory = _directory.Combine("part-" + _segments.Count, "fts");
        FtsSegmentWriter.Write(directory, documents, analyzer, _connection);
        _segments.Add(FtsSegment.Open(directory));
        return directory;
    }

    public IReadOnlyList<FtsHit> Search(string text, int? limit = 10, Func<int, long, bool>? allowed = null) =>
        Bm25Search.Search(_segments, FtsQuery.Parse(text, _segments[0].Analyzer), limit, allowed);

    public List<object?[]> Rows(string sql)
    {
        using var reader = _connection.Query(sql);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToArray());
        }

        return rows;
    }

    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            segment.Dispose();
        }

        _connection.Dispose();
        _database.Dispose();
        _directory.Dispose();
    }
}
