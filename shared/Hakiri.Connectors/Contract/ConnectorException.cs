using Hakiri.Model.Steps;

namespace Hakiri.Connectors.Contract;

/// <summary>The WIT <c>connector-error</c> variants.</summary>
public enum ConnectorErrorKind
{
    /// <summary>Worth retrying soon: timeouts, 5xx, dropped connections.</summary>
    Transient,

    /// <summary>Retrying will not help: bad configuration, a missing resource.</summary>
    Permanent,

    /// <summary>The credentials were refused or expired.</summary>
    AuthExpired,

    /// <summary>The service asked us to slow down.</summary>
    RateLimited,

    /// <summary>The data no longer fits the table's schema.</summary>
    SchemaIncompatible,
}

/// <summary>
/// A connector failed. The message is a sentence a user can act on: which pipeline, which URL (no secrets), what to
/// check. <see cref="ErrorName"/> is the state machine error name the definition retries or catches.
/// </summary>
public sealed class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorException(ConnectorErrorKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    /// <summary>Which variant.</summary>
    public ConnectorErrorKind Kind { get; }

    /// <summary>For <see cref="ConnectorErrorKind.RateLimited"/>: how long the service asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Which sandbox limit a WebAssembly connector ran into, if that is why it failed: <c>fuel</c>, <c>memory</c> or
    /// <c>deadline</c>; <see langword="null"/> for every other failure.
    /// </summary>
    public string? Limit { get; init; }

    /// <summary>The state machine error name of <see cref="Kind"/>.</summary>
    public string ErrorName => Kind switch
    {
        ConnectorErrorKind.Transient => StepErrors.Transient,
        ConnectorErrorKind.AuthExpired => StepErrors.AuthExpired,
        ConnectorErrorKind.RateLimited => StepErrors.RateLimited,
        ConnectorErrorKind.SchemaIncompatible => StepErrors.SchemaIncompatible,
        _ => StepErrors.Permanent,
    };
}
