using System.Security.Cryptography;
using System.Text;
using Hakiri.Model.Manifests;
using Hakiri.Steps.Sources;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Redaction;

/// <summary>
/// The SQL that redacts a relation's top-level columns: dropped columns are excluded, hashed ones replaced by lower-case
/// hex HMAC-SHA256(salt, UTF-8 text of the value), computed by DuckDB's <c>sha256</c> in the HMAC construction
/// (RFC 2104) so the rows stream through one query. The salt's padded keys appear in the query text only, never in a file.
/// </summary>
internal static class RedactionSql
{
    private const int BlockSize = 64;

    /// <summary>The first 16 lower-case hex of SHA-256 of the salt: enough to tell two salts apart, nothing to recover one.</summary>
    public static string Fingerprint(string salt) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt)))[..16];

    /// <summary>The catalog record of a manifest's redaction under <paramref name="salt"/> (hash mode only).</summary>
    public static TableRedactionRecord Record(RedactionManifest redaction, string? salt) =>
        !redaction.Any ? TableRedactionRecord.None
        : redaction.Mode == RedactionMode.Hash ? new TableRedactionRecord(redaction.Columns, "hash", Fingerprint(salt!))
        : new TableRedactionRecord(redaction.Columns, "drop", null);

    /// <summary>
    /// <paramref name="relation"/> with <paramref name="drop"/> excluded and <paramref name="hash"/> hashed, for the
    /// columns of <paramref name="columns"/> they name (case-insensitive); the relation itself when none applies.
    /// </summary>
    public static string Apply(string relation, IReadOnlyList<ColumnSchema> columns, IReadOnlyCollection<string> drop, IReadOnlyCollection<string> hash, string? salt)
    {
        var excluded = columns.Where(c => drop.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).Select(c => Sql.Identifier(c.Name)).ToArray();
        var hashed = columns.Where(c => hash.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (excluded.Length == 0 && hashed.Length == 0)
        {
            return relation;
        }

        var (inner, outer) = hashed.Length == 0 ? (string.Empty, string.Empty) : Pads(salt!);
        var exclude = excluded.Length == 0 ? string.Empty : $" EXCLUDE ({string.Join(", ", excluded)})";
        var replace = hashed.Length == 0 ? string.Empty
            : $" REPLACE ({string.Join(", ", hashed.Select(c => $"{Hmac(Text("r." + Sql.Identifier(c.Name), c.Type), inner, outer)} AS {Sql.Identifier(c.Name)}"))})";
        return $"(SELECT *{exclude}{replace} FROM {relation} AS r)";
    }

    /// <summary><paramref name="relation"/> under a pipeline's <paramref name="redaction"/>, its columns described by <paramref name="connection"/>.</summary>
    public static string Apply(string relation, RedactionManifest redaction, string? salt, DuckDb.DuckDbConnection connection) =>
        Apply(relation, Writing.DuckDbExtensions.Describe(connection, relation),
            redaction.Mode == RedactionMode.Drop ? redaction.Columns : [], redaction.Mode == RedactionMode.Hash ? redaction.Columns : [], salt);

    /// <summary>The text a value is hashed on: strings as they are, nested values as JSON, anything else cast to VARCHAR.</summary>
    public static string Text(string expression, string type) =>
        type == "VARCHAR" ? expression
        : type.StartsWith("STRUCT", StringComparison.Ordinal) || type.StartsWith("MAP", StringComparison.Ordinal)
            || type.StartsWith("UNION", StringComparison.Ordinal) || type.EndsWith(']')
            ? $"CAST(to_json({expression}) AS VARCHAR)"
            : $"CAST({expression} AS VARCHAR)";

    // HMAC(K, m) = H((K' ^ opad) || H((K' ^ ipad) || m)), K' the key padded to the block (hashed first when longer).
    private static string Hmac(string text, string inner, string outer) =>
        $"sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode({text}))))";

    private static (string Inner, string Outer) Pads(string salt)
    {
        var key = Encoding.UTF8.GetBytes(salt);
        if (key.Length > BlockSize)
        {
            key = SHA256.HashData(key);
        }

        var inner = new byte[BlockSize];
        var outer = new byte[BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            var k = i < key.Length ? key[i] : (byte)0;
            inner[i] = (byte)(k ^ 0x36);
            outer[i] = (byte)(k ^ 0x5c);
        }

        return (Convert.ToHexString(inner), Convert.ToHexString(outer));
    }
}
