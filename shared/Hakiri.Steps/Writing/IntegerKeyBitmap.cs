using Hakiri.DuckDb;
using Hakiri.Steps.Sources;

namespace Hakiri.Steps.Writing;

/// <summary>
/// Whether a primary key of one integer column is unique among the staged rows, with one bit per value between the
/// smallest and the largest key: the keys are streamed once, and the first key whose bit is already set ends the check.
/// Record ids are mostly such keys (dense integers), and for them this replaces the hash-partitioned distinct count
/// (10 M keys: a write step of 0.6 s with a 1.2 MiB bitmap, where the partitions made it 1.4–1.8 s).
/// </summary>
internal static class IntegerKeyBitmap
{
    /// <summary>The largest span of key values checked with a bitmap: 2^27 values, a 16 MiB bitmap.</summary>
    public const long MaxSpan = 1L << 27;

    private static readonly HashSet<string> IntegerTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
    };

    /// <summary>
    /// True or false when the check applies; null when it does not (not one integer column, or keys spread over more
    /// than <see cref="MaxSpan"/> values), and the caller counts distinct keys instead. A NULL key counts as a duplicate.
    /// </summary>
    /// <param name="connection">The write step's connection.</param>
    /// <param name="staged">The staged rows as a relation, aliased nowhere.</param>
    /// <param name="key">The key column's name.</param>
    /// <param name="type">The key column's DuckDB type as DESCRIBE prints it.</param>
    public static bool? AreUnique(DuckDbConnection connection, string staged, string key, string type)
    {
        if (!IntegerTypes.Contains(type))
        {
            return null;
        }

        var column = Sql.Identifier(key);
        long min, max, rows, keys;
        using (var reader = connection.Query($"SELECT min({column}), max({column}), count({column}), count(*) FROM {staged}"))
        {
            reader.Read(); // an aggregate without GROUP BY has one row
            if (reader.IsNull(0))
            {
                // No rows, or every key NULL: unique only when there is nothing.
                return reader.GetInt64(3) == 0;
            }

            (min, max, keys, rows) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        if (keys != rows)
        {
            return false;
        }

        var distance = unchecked((ulong)(max - min)); // the span less one, exact even from long.MinValue to long.MaxValue
        if (distance < (ulong)rows - 1)
        {
            return false; // more keys than values they span: two must be equal
        }

        if (distance >= MaxSpan)
        {
            return null;
        }

        // A chunk at a time: at 10 M keys reading them row by row took 0.37 s of a 0.55 s write step.
        var seen = new ulong[(distance / 64) + 1];
        using var values = connection.Query($"SELECT CAST({column} AS BIGINT) FROM {staged}");
        while (values.ReadInt64Chunk(0, out var chunk))
        {
            foreach (var value in chunk)
            {
                var offset = (ulong)(value - min);
                ref var word = ref seen[offset >> 6];
                var bit = 1UL << (int)(offset & 63);
                if ((word & bit) != 0)
                {
                    return false;
                }

                word |= bit;
            }
        }

        return true;
    }
}
