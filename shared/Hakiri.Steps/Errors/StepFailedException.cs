namespace Hakiri.Steps.Errors;

/// <summary>
/// A step failed for a reason the user can act on. <see cref="ErrorName"/> is the state machine error name that
/// Retry and Catch match (it mirrors the WIT <c>connector-error</c> variants).
/// </summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepFailedException(string errorName, string message, Exception? inner = null) : base(message, inner) => ErrorName = errorName;

    /// <summary>The error name, one of <see cref="StepErrors"/>.</summary>
    public string ErrorName { get; }
}

/// <summary>The error names steps raise; state machine definitions retry or catch on them.</summary>
public static class StepErrors
{
    /// <summary>Worth retrying: a timeout, a dropped connection, a busy store.</summary>
    public const string Transient = "Hakiri.Transient";

    /// <summary>Retrying will not help: bad configuration, a missing resource.</summary>
    public const string Permanent = "Hakiri.Permanent";

    /// <summary>Credentials expired.</summary>
    public const string AuthExpired = "Hakiri.AuthExpired";

    /// <summary>The source asked us to slow down.</summary>
    public const string RateLimited = "Hakiri.RateLimited";

    /// <summary>The data no longer fits the table's schema.</summary>
    public const string SchemaIncompatible = "Hakiri.SchemaIncompatible";

    /// <summary>The source data is malformed (a bad CSV row, an invalid JSON line).</summary>
    public const string BadInput = "Hakiri.BadInput";
}
