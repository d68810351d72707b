using System.Globalization;

namespace Hakiri.Steps.Sources;

/// <summary>Quoting for SQL text built from paths and names (values never come from untrusted SQL).</summary>
internal static class Sql
{
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string List(IEnumerable<string> paths) => "[" + string.Join(", ", paths.Select(Literal)) + "]";

    public static string Timestamp(DateTimeOffset value) =>
        "TIMESTAMPTZ " + Literal(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff'+00'", CultureInfo.InvariantCulture));
}
