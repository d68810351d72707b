using Hakiri.Steps.Sources;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Writing;

/// <summary>SELECT lists that bring rows of any earlier schema to the table's current one.</summary>
internal static class Projection
{
    /// <summary>Every target column, cast from the source's column of that name or NULL when the source lacks it.</summary>
    public static string To(IReadOnlyList<ColumnSchema> target, IReadOnlyCollection<string> available, string alias)
    {
        var present = new HashSet<string>(available, StringComparer.OrdinalIgnoreCase);
        return string.Join(",\n    ", target.Select(c =>
        {
            var name = Sql.Identifier(c.Name);
            return present.Contains(c.Name) ? $"CAST({alias}.{name} AS {c.Type}) AS {name}" : $"CAST(NULL AS {c.Type}) AS {name}";
        }));
    }

    /// <summary>A join condition matching rows on the primary key, NULL-safe.</summary>
    public static string KeyMatch(IReadOnlyList<string> primaryKey, string left, string right) =>
        string.Join(" AND ", primaryKey.Select(k => $"{left}.{Sql.Identifier(k)} IS NOT DISTINCT FROM {right}.{Sql.Identifier(k)}"));
}
