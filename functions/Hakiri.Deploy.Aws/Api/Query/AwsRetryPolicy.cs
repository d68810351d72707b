namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// Bounded retries with exponential back-off and jitter, for throttling (<c>Throttling</c>,
/// <c>ThrottlingException</c>, <c>RequestLimitExceeded</c>, …), HTTP 5xx and dropped connections.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included (1 = no retry).</param>
/// <param name="BaseDelay">The delay ceiling before the first retry; it doubles per retry.</param>
/// <param name="MaxDelay">The largest delay ceiling.</param>
public sealed record AwsRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>5 attempts, 200 ms doubling up to 20 s (CloudFormation's describe calls throttle under polling).</summary>
    public static AwsRetryPolicy Default { get; } = new(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20));

    /// <summary>One attempt, no retry.</summary>
    public static AwsRetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "PriorRequestNotComplete",
    };

    /// <summary>Whether an error code means "slow down".</summary>
    public static bool IsThrottling(string code) => ThrottlingCodes.Contains(code);

    /// <summary>Whether a failed attempt is worth repeating: throttling or a server-side (5xx) error.</summary>
    public static bool IsRetryable(AwsApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return IsThrottling(error.Code) || error.StatusCode >= 500;
    }

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): half the exponential ceiling plus a random
    /// part of the other half, so clients that failed together do not retry together.
    /// </summary>
    public TimeSpan Delay(int retry, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = BaseDelay * Math.Pow(2, Math.Min(retry - 1, 30));
        if (ceiling > MaxDelay)
        {
            ceiling = MaxDelay;
        }

        return ceiling / 2 + ceiling / 2 * random.NextDouble();
    }
}
