namespace Hakiri.Manifest;

/// <summary>Codes of diagnostics that commands treat specially.</summary>
public static class ManifestCodes
{
    /// <summary>A file source's glob matches nothing because its directory does not exist: a warning for
    /// <c>validate</c> (data may come later), an error for <c>run</c>.</summary>
    public const string MissingDirectory = "missing-directory";

    /// <summary>A file source's glob matches no file yet.</summary>
    public const string NoMatch = "no-match";
}
