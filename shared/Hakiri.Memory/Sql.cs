namespace Hakiri.Memory;

/// <summary>Quoting for SQL text built from paths and validated ids.</summary>
internal static class Sql
{
    public const string ParquetOptions = "(FORMAT parquet, COMPRESSION zstd)";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";
}
