namespace Hakiri.Deploy.Azure.Arm;

/// <summary>ARM answered a request with an error status; <see cref="Exception.Message"/> is one sentence.</summary>
public sealed class ArmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArmException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ArmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refused request.</summary>
    public ArmException(int statusCode, ArmError? error, string operation)
        : base(Describe(statusCode, error, operation))
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The HTTP status ARM answered.</summary>
    public int StatusCode { get; }

    /// <summary>ARM's error, when the body had one.</summary>
    public ArmError? Error { get; }

    private static string Describe(int statusCode, ArmError? error, string operation)
    {
        var cause = error?.Innermost();
        var what = cause is null ? $"HTTP {statusCode}" : $"{cause.Code ?? error!.Code}: {cause.Message ?? error!.Message}";
        return $"Azure Resource Manager refused {operation}: {what.TrimEnd('.')}";
    }
}
