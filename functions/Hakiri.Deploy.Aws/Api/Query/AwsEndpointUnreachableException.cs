namespace Hakiri.Deploy.Aws.Api;

/// <summary>The endpoint could not be reached: the name did not resolve, the connection was refused or dropped.</summary>
public sealed class AwsEndpointUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsEndpointUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AwsEndpointUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AwsEndpointUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="endpoint"/>.</summary>
    public AwsEndpointUnreachableException(Uri endpoint, string reason, Exception innerException)
        : base($"Could not reach {endpoint}: {reason}. Check the region and network, or the endpoint URL if one was set (AWS_ENDPOINT_URL).", innerException) =>
        Endpoint = endpoint;

    /// <summary>The URL that could not be reached.</summary>
    public Uri? Endpoint { get; }
}
