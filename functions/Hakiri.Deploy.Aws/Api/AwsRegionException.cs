namespace Hakiri.Deploy.Aws.Api;

/// <summary>No region was given, or the given name is not an AWS region.</summary>
public sealed class AwsRegionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsRegionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AwsRegionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AwsRegionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="region"/> (null when none was set).</summary>
    public AwsRegionException(string? region, string message)
        : base(message) => Region = region;

    /// <summary>The rejected region name; null when no region was set at all.</summary>
    public string? Region { get; }
}
