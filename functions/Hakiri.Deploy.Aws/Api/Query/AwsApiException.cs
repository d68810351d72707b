namespace Hakiri.Deploy.Aws.Api;

/// <summary>An AWS API answered with an error (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>).</summary>
public sealed class AwsApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsApiException()
        : this("Unknown", "The AWS API returned an error.", 0)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AwsApiException(string message)
        : this("Unknown", message, 0)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AwsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "Unknown";
        ErrorMessage = message;
    }

    /// <summary>Creates the exception from an error response.</summary>
    public AwsApiException(string code, string errorMessage, int statusCode, string? operation = null, string? errorType = null, string? requestId = null)
        : base(Describe(code, errorMessage, statusCode, operation, requestId))
    {
        Code = code;
        ErrorMessage = errorMessage;
        StatusCode = statusCode;
        Operation = operation;
        ErrorType = errorType;
        RequestId = requestId;
    }

    /// <summary>The error code, e.g. <c>ValidationError</c>, <c>Throttling</c>, <c>AccessDenied</c>.</summary>
    public string Code { get; }

    /// <summary>The service's own message.</summary>
    public string ErrorMessage { get; }

    /// <summary>The HTTP status (0 when there was none).</summary>
    public int StatusCode { get; }

    /// <summary>The action that failed, e.g. <c>DescribeStacks</c>.</summary>
    public string? Operation { get; }

    /// <summary><c>Sender</c> (the request was wrong) or <c>Receiver</c> (the service failed), when given.</summary>
    public string? ErrorType { get; }

    /// <summary>The request id to quote to AWS support.</summary>
    public string? RequestId { get; }

    private static string Describe(string code, string message, int status, string? operation, string? requestId) =>
        $"{operation ?? "The AWS request"} failed with {code} (HTTP {status}): {message}" + (requestId is null ? string.Empty : $" [request id {requestId}]");
}
