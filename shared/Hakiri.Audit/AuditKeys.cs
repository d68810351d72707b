using Hakiri.Model.Manifests;
using System.Security.Cryptography;
using System.Text;

namespace Hakiri.Audit;

/// <summary>The form a key takes in spans and in the log; the query side encodes the asked key the same way.</summary>
public static class AuditKeys
{
    /// <summary>The key as kept: itself when plain, else the lower hex SHA-256 of <c>table\0key</c> (UTF-8).</summary>
    /// <param name="mode">Plain or hashed.</param>
    /// <param name="table">The key's table.</param>
    /// <param name="key">The primary key value as text.</param>
    public static string Encode(AuditKeyMode mode, string table, string key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        return mode == AuditKeyMode.Plain ? key : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(table + "\0" + key)));
    }
}
