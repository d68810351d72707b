using Hakiri.DuckDb;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Scalar functions a scoped caller may not call because they read the catalog or settings: the built-in macros whose
/// definition selects from a table (<c>pg_get_viewdef</c>, <c>col_description</c>…) plus the setting readers. Names
/// starting with <c>duckdb_</c> or <c>pragma_</c> are refused besides these.
/// </summary>
internal static class CatalogReaders
{
    public static IReadOnlySet<string> Load(DuckDbConnection connection)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "current_setting", "getvariable", "current_schemas", "current_database", "current_catalog", "getenv" };
        using var reader = connection.Query(
            "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'macro' AND macro_definition ILIKE '%from%'");
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
