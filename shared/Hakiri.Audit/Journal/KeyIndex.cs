using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hakiri.DuckDb;

namespace Hakiri.Audit.Journal;

/// <summary>
/// The key index beside a day partition: <c>audit/keys/day=D/part-S.parquet</c> holds one row per key a record of
/// <c>audit/day=D/part-S.parquet</c> names, (key_hash, key_table, record_row), sorted by key_hash so row-group statistics
/// leave out every group but the asked key's.
/// </summary>
internal static class KeyIndex
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Index rows per Parquet row group: small enough that a lookup decodes few rows, large enough for few groups.</summary>
    public const int RowGroupSize = 16_384;

    /// <summary>
    /// The 64-bit lookup hash of a kept key: the first 16 hex digits (big-endian, as a signed BIGINT) of the key itself
    /// when it already is a SHA-256 hex digest (hashed mode), else of the SHA-256 of its UTF-8 text (plain mode).
    /// </summary>
    public static long Hash(string kept)
    {
        if (kept.Length == 64 && kept.AsSpan().IndexOfAnyExcept(LowerHex) < 0)
        {
            return long.Parse(kept.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(kept), digest);
        return BinaryPrimitives.ReadInt64BigEndian(digest);
    }

    /// <summary>Creates the temporary <c>key_index</c> table of a fold: (day, key_hash, key_table, record_row).</summary>
    public static DuckDbAppender Create(DuckDbConnection connection)
    {
        connection.Execute("CREATE TEMP TABLE key_index (day DATE, key_hash BIGINT, key_table VARCHAR, record_row BIGINT)");
        return connection.CreateAppender("key_index");
    }

    /// <summary>Appends the index rows of one record, the <paramref name="row"/>-th of its day's Parquet file.</summary>
    public static void Add(DuckDbAppender appender, JournalEntry entry, long row)
    {
        for (var i = 0; i < entry.Keys.Count; i++)
        {
            appender.Append(entry.Day).Append(Hash(entry.Keys[i])).Append(entry.KeyTables[i]).Append(row).EndRow();
        }
    }

    /// <summary>Writes the index of <paramref name="day"/> to <paramref name="path"/> (under a temporary name, then renamed).</summary>
    public static void Write(DuckDbConnection connection, DateOnly day, string path)
    {
        var temporary = path + ".tmp";
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        connection.Execute(
            $"COPY (SELECT key_hash, key_table, record_row FROM key_index WHERE day = DATE '{date}' ORDER BY key_hash, key_table, record_row) " +
            $"TO {AuditColumns.Literal(temporary)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {RowGroupSize})");
        File.Move(temporary, path, overwrite: true);
    }
}
