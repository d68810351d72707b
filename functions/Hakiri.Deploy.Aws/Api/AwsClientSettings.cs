namespace Hakiri.Deploy.Aws.Api;

/// <summary>What a service client needs besides its <see cref="HttpClient"/>.</summary>
/// <param name="Endpoint">Where to call and how to sign.</param>
/// <param name="Credentials">The credentials, asked per request.</param>
public sealed record AwsClientSettings(AwsEndpoint Endpoint, IAwsCredentialsProvider Credentials)
{
    /// <summary>How throttling and server errors are retried.</summary>
    public AwsRetryPolicy Retry { get; init; } = AwsRetryPolicy.Default;

    /// <summary>The clock for request timestamps and back-off delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
