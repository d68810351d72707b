namespace Hakiri.Model.Manifests;

/// <summary>
/// The manifest's <c>[access]</c> section: with it, agents read the store only with a token signed by the project key
/// (docs/access-control.md). Without it the MCP server answers anyone who can reach it.
/// </summary>
/// <param name="PublicKey">The project's current public key, <c>ed25519:…</c> (written by <c>hakiri key init</c>).</param>
/// <param name="MaxTtl">The longest lifetime <c>hakiri token issue</c> grants.</param>
/// <param name="AuditKeys">How the audit log records the primary keys of the rows an agent read.</param>
/// <param name="RetiredKeys">Keys replaced by <c>hakiri key rotate</c>, still honoured until their time.</param>
public sealed record AccessSettings(string PublicKey, TimeSpan MaxTtl, AuditKeyMode AuditKeys, IReadOnlyList<RetiredKeySetting> RetiredKeys)
{
    /// <summary>The lifetime cap when the manifest names none.</summary>
    public static readonly TimeSpan DefaultMaxTtl = TimeSpan.FromHours(24);
}

/// <summary>A rotated-out public key and the instant after which nothing it signed is honoured.</summary>
public sealed record RetiredKeySetting(string PublicKey, DateTimeOffset Until);

/// <summary>How the audit log records primary keys.</summary>
public enum AuditKeyMode
{
    /// <summary>Lower-case hex SHA-256 of the table name and key; "who read c-42" still works, the log holds no key in clear.</summary>
    Hashed,

    /// <summary>The key as text.</summary>
    Plain,
}
