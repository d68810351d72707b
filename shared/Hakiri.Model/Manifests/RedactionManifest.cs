namespace Hakiri.Model.Manifests;

/// <summary>
/// A pipeline's <c>redact</c> key: top-level columns whose values never reach the store's Parquet files. Drop leaves the
/// column out; hash stores lower-case hex HMAC-SHA256 of the value's text under the project salt, so equal values stay
/// equal (joins work) across tables.
/// </summary>
/// <param name="Columns">The redacted columns, in manifest order; empty when nothing is redacted.</param>
/// <param name="Mode">What happens to them.</param>
public sealed record RedactionManifest(IReadOnlyList<string> Columns, RedactionMode Mode)
{
    /// <summary>The environment variable that holds the project salt of hash mode.</summary>
    public const string SaltVariable = "HAKIRI_REDACTION_SALT";

    /// <summary>Nothing redacted.</summary>
    public static RedactionManifest None { get; } = new([], RedactionMode.Drop);

    /// <summary>Whether any column is redacted.</summary>
    public bool Any => Columns.Count > 0;

    /// <summary>Whether <paramref name="column"/> is redacted (DuckDB identifiers are case-insensitive).</summary>
    public bool Covers(string column) => Columns.Contains(column, StringComparer.OrdinalIgnoreCase);
}

/// <summary>How a redacted column is written.</summary>
public enum RedactionMode
{
    /// <summary>The column is absent from the written files and the table's schema.</summary>
    Drop,

    /// <summary>The column holds lower-case hex HMAC-SHA256(salt, UTF-8 text of the value); NULL stays NULL.</summary>
    Hash,
}
