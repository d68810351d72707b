using Hakiri.DuckDb;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Search;

/// <summary>
/// The provenance of every row of one data file, by row number: how an index hit (file, row) becomes a row of the
/// table's view, which the search joins on (run, source, record) so that access scopes apply to it as to any query.
/// </summary>
internal sealed class RowLocator
{
    private readonly string[] _runs;
    private readonly string[] _sources;
    private readonly long[] _records;

    private RowLocator(string[] runs, string[] sources, long[] records)
    {
        _runs = runs;
        _sources = sources;
        _records = records;
    }

    public int Count => _records.Length;

    public RowKey this[long row] => new(_runs[row], _sources[row], _records[row]);

    public static RowLocator Load(DuckDbConnection connection, string file, long rowCount)
    {
        var runs = new string[rowCount];
        var sources = new string[rowCount];
        var records = new long[rowCount];
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = connection.Query(
            $"SELECT file_row_number, _hakiri_run_id, _hakiri_source, _hakiri_record FROM read_parquet({Sql.Literal(file)}, file_row_number = true)");
        while (reader.Read())
        {
            var row = reader.GetInt64(0);
            runs[row] = Intern(interned, reader.GetString(1));
            sources[row] = Intern(interned, reader.GetString(2));
            records[row] = reader.GetInt64(3);
        }

        return new RowLocator(runs, sources, records);
    }

    private static string Intern(Dictionary<string, string> interned, string value)
    {
        if (interned.TryGetValue(value, out var known))
        {
            return known;
        }

        interned[value] = value;
        return value;
    }
}
