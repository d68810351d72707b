using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Mcp.Query;

/// <summary>
/// How a result's columns map to JSON: the provenance columns (first occurrence of each) move into a row's
/// <c>_provenance</c> object; every other column keeps its name, with <c>_2</c>, <c>_3</c>, … added to repeats so row
/// objects never hold a key twice.
/// </summary>
internal sealed class ResultShape
{
    private ResultShape(IReadOnlyList<(int Ordinal, string Name, string Type)> visible, int run, int source, int record, int ingestedAt)
    {
        Visible = visible;
        RunOrdinal = run;
        SourceOrdinal = source;
        RecordOrdinal = record;
        IngestedAtOrdinal = ingestedAt;
    }

    public IReadOnlyList<(int Ordinal, string Name, string Type)> Visible { get; }

    public int RunOrdinal { get; }

    public int SourceOrdinal { get; }

    public int RecordOrdinal { get; }

    public int IngestedAtOrdinal { get; }

    public bool HasProvenance => RunOrdinal >= 0 || SourceOrdinal >= 0;

    public static ResultShape From(IReadOnlyList<DuckDbColumn> columns)
    {
        var provenance = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visible = new List<(int, string, string)>();
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i].Name;
            if (ProvenanceColumns.All.Contains(name, StringComparer.OrdinalIgnoreCase) && provenance.TryAdd(name, i))
            {
                continue;
            }

            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            visible.Add((i, unique, columns[i].Type.Name));
        }

        int Find(string column) => provenance.TryGetValue(column, out var ordinal) ? ordinal : -1;
        return new ResultShape(visible, Find(ProvenanceColumns.RunId), Find(ProvenanceColumns.Source), Find(ProvenanceColumns.Record), Find(ProvenanceColumns.IngestedAt));
    }
}
