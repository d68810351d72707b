namespace Hakiri.Deploy.Azure.Arm;

/// <summary>
/// Bounded retries for throttling (429) and server errors (5xx): ARM's <c>Retry-After</c> when it sends one, else a
/// delay that doubles from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="BaseDelay">The wait before the first retry when ARM names none.</param>
/// <param name="MaxDelay">The longest wait, also the cap on a <c>Retry-After</c>.</param>
public sealed record ArmRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>6 attempts, 1 s doubling, at most 60 s per wait (ARM's read and write budgets refill per minute).</summary>
    public static ArmRetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>Whether a status is worth another attempt.</summary>
    public static bool IsRetryable(int status) => status == 429 || status >= 500;

    /// <summary>The wait before retry <paramref name="retry"/> (1-based), honouring <paramref name="retryAfter"/>.</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter)
    {
        var wait = retryAfter ?? BaseDelay * Math.Pow(2, Math.Min(retry - 1, 20));
        return wait > MaxDelay ? MaxDelay : wait;
    }
}
