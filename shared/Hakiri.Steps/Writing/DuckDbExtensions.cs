using Hakiri.DuckDb;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Writing;

/// <summary>Small DuckDB helpers the write and compact steps share.</summary>
internal static class DuckDbExtensions
{
    public static List<ColumnSchema> Describe(this DuckDbConnection connection, string relation)
    {
        var columns = new List<ColumnSchema>();
        using var reader = connection.Query($"DESCRIBE SELECT * FROM {relation}");
        while (reader.Read())
        {
            columns.Add(new ColumnSchema(reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    public static long Scalar(this DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        return reader.Read() && !reader.IsNull(0) ? reader.GetInt64(0) : 0;
    }

    public static List<string> Strings(this DuckDbConnection connection, string sql)
    {
        var values = new List<string>();
        using var reader = connection.Query(sql);
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
