using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Store;

/// <summary>Defines one DuckDB view per catalog table over its live files.</summary>
internal static class ViewBuilder
{
    /// <summary>Points the views of new and changed tables at their live files, drops gone ones; returns the tables redefined, with their files.</summary>
    public static IReadOnlyList<(TableRecord Table, string Source)> Apply(
        DuckDbConnection admin, StoreLayout layout, CatalogDatabase? catalog, StoreSnapshot previous, IReadOnlyList<TableRecord> tables)
    {
        foreach (var gone in previous.Tables.Where(old => tables.All(t => !string.Equals(t.Name, old.Name, StringComparison.OrdinalIgnoreCase))))
        {
            admin.Execute($"DROP VIEW IF EXISTS {Sql.Identifier(gone.Name)}");
        }

        var changed = new List<(TableRecord, string)>();
        foreach (var table in tables)
        {
            var before = previous.Find(table.Name);
            if (before is not null && StoreSnapshot.Fingerprint([before]) == StoreSnapshot.Fingerprint([table]))
            {
                continue;
            }

            var source = Source(layout, table, catalog!.ListFiles(table.Name));
            admin.Execute($"CREATE OR REPLACE VIEW {Sql.Identifier(table.Name)} AS {source}");
            changed.Add((table, source));
        }

        return changed;
    }

    // A table with no live files is still queryable, empty, with its columns typed. Several files are read by column
    // name, since a table's schema may have grown between runs.
    private static string Source(StoreLayout layout, TableRecord table, IReadOnlyList<FileRecord> files)
    {
        if (files.Count > 0)
        {
            var paths = string.Join(", ", files.Select(f => Sql.Literal(layout.Absolute(f.Path))));
            return files.Count == 1 ? $"SELECT * FROM read_parquet([{paths}])" : $"SELECT * FROM read_parquet([{paths}], union_by_name = true)";
        }

        var columns = table.Columns.Count == 0
            ? "NULL AS _empty"
            : string.Join(", ", table.Columns.Select(c => $"CAST(NULL AS {c.Type}) AS {Sql.Identifier(c.Name)}"));
        return $"SELECT {columns} WHERE false";
    }
}
