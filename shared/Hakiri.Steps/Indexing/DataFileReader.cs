using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Steps.Sources;

namespace Hakiri.Steps.Indexing;

/// <summary>Reads the indexed columns of one data file, row by row with its row number in the file.</summary>
internal static class DataFileReader
{
    /// <summary>Each row's number and the named columns as text (null stays null).</summary>
    public static IEnumerable<(long Row, string?[] Values)> Text(DuckDbConnection connection, string file, IReadOnlyList<string> columns)
    {
        var projection = string.Join(", ", columns.Select(c => $"CAST({Sql.Identifier(c)} AS VARCHAR)"));
        using var reader = connection.Query($"SELECT file_row_number, {projection} FROM read_parquet({Sql.Literal(file)}, file_row_number = true)");
        while (reader.Read())
        {
            var values = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsNull(i + 1) ? null : reader.GetString(i + 1);
            }

            yield return (reader.GetInt64(0), values);
        }
    }

    /// <summary>Each row's number and its stored embedding (null when the value is null).</summary>
    public static IEnumerable<(long Row, float[]? Vector)> Vectors(DuckDbConnection connection, string file, string column)
    {
        using var reader = connection.Query(
            $"SELECT file_row_number, array_to_string(CAST({Sql.Identifier(column)} AS DOUBLE[]), ',') FROM read_parquet({Sql.Literal(file)}, file_row_number = true)");
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), reader.IsNull(1) ? null : Parse(reader.GetString(1)));
        }
    }

    private static float[] Parse(string text) =>
        text.Length == 0 ? [] : Array.ConvertAll(text.Split(','), v => float.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture));
}
