namespace Hakiri.Store.Catalog;

public sealed partial class CatalogDatabase
{
    /// <summary>Every sidecar segment recorded for <paramref name="table"/>, live or stale.</summary>
    public IReadOnlyList<IndexSegmentRecord> ListIndexSegments(string table)
    {
        using var command = Command(
            "SELECT data_path, kind, table_name, path, spec, row_count, byte_size, run_id FROM index_segments WHERE table_name = $t ORDER BY data_path, kind",
            null, ("$t", table));
        return IndexCatalogReader.ReadSegments(command.ExecuteReader());
    }

    /// <summary>
    /// Records <paramref name="added"/> (replacing any segment of the same data file and kind) and forgets
    /// <paramref name="removed"/>, in one transaction: readers see the old set or the new one.
    /// </summary>
    public void CommitIndexSegments(IReadOnlyList<IndexSegmentRecord> added, IReadOnlyList<IndexSegmentRecord> removed)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(removed);
        using var transaction = _connection.BeginTransaction();
        foreach (var segment in removed)
        {
            using var delete = Command("DELETE FROM index_segments WHERE data_path = $d AND kind = $k AND path = $p", transaction,
                ("$d", segment.DataPath), ("$k", segment.Kind), ("$p", segment.Path));
            delete.ExecuteNonQuery();
        }

        foreach (var segment in added)
        {
            using var insert = Command(
                "INSERT OR REPLACE INTO index_segments (data_path, kind, table_name, path, spec, row_count, byte_size, run_id, created_at) VALUES ($d, $k, $t, $p, $s, $r, $b, $u, $c)",
                transaction, ("$d", segment.DataPath), ("$k", segment.Kind), ("$t", segment.Table), ("$p", segment.Path), ("$s", segment.Spec),
                ("$r", segment.RowCount), ("$b", segment.ByteSize), ("$u", segment.RunId), ("$c", Now()));
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Records what agents are told about <paramref name="table"/> (a JSON document; see docs/store-format.md).</summary>
    public void PutTableGuide(string table, string guideJson)
    {
        using var command = Command(
            "INSERT INTO table_guides (table_name, guide, updated_at) VALUES ($t, $g, $u) ON CONFLICT (table_name) DO UPDATE SET guide = excluded.guide, updated_at = excluded.updated_at WHERE guide <> excluded.guide",
            null, ("$t", table), ("$g", guideJson), ("$u", Now()));
        command.ExecuteNonQuery();
    }
}
