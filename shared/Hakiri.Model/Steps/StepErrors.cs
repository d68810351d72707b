namespace Hakiri.Model.Steps;

// State machine error names, mirroring the WIT connector-error variants; the emitter, the hosts and the steps share them.

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

    /// <summary>Errors the Lambda service itself raises that a retry usually cures.</summary>
    public static IReadOnlyList<string> LambdaTransient { get; } =
    [
        "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException",
    ];
}
