namespace Hakiri.Steps.Writing;

/// <summary>
/// Which DuckDB column types widen to which: integers to wider integers and to DOUBLE, FLOAT to DOUBLE, DECIMAL to
/// DOUBLE, DATE to TIMESTAMP, TIMESTAMP to TIMESTAMP WITH TIME ZONE, and anything to VARCHAR when the table's column
/// is already VARCHAR. Everything else is incompatible unless the data says otherwise (see <see cref="SchemaMerger"/>).
/// </summary>
internal static class TypeWidening
{
    private static readonly Dictionary<string, int> IntegerRank = new(StringComparer.Ordinal)
    {
        ["TINYINT"] = 1, ["UTINYINT"] = 2, ["SMALLINT"] = 2, ["USMALLINT"] = 3, ["INTEGER"] = 3,
        ["UINTEGER"] = 4, ["BIGINT"] = 4, ["UBIGINT"] = 5, ["HUGEINT"] = 5,
    };

    private static readonly string[] IntegerByRank = ["", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"];

    /// <summary>The type both <paramref name="existing"/> and <paramref name="incoming"/> values fit, or <see langword="null"/>.</summary>
    public static string? Widen(string existing, string incoming)
    {
        if (existing == incoming)
        {
            return existing;
        }

        if (existing == "VARCHAR")
        {
            return "VARCHAR";
        }

        if (IntegerRank.TryGetValue(existing, out var a) && IntegerRank.TryGetValue(incoming, out var b))
        {
            return IntegerByRank[Math.Max(a, b)];
        }

        if (IsNumeric(existing) && IsNumeric(incoming))
        {
            return "DOUBLE";
        }

        return (existing, incoming) switch
        {
            ("TIMESTAMP", "DATE") or ("DATE", "TIMESTAMP") => "TIMESTAMP",
            ("TIMESTAMP WITH TIME ZONE", "TIMESTAMP" or "DATE") or ("TIMESTAMP" or "DATE", "TIMESTAMP WITH TIME ZONE") => "TIMESTAMP WITH TIME ZONE",
            (_, "NULL") => existing,
            _ => null,
        };
    }

    private static bool IsNumeric(string type) =>
        IntegerRank.ContainsKey(type) || type is "FLOAT" or "DOUBLE" || type.StartsWith("DECIMAL", StringComparison.Ordinal);
}
