namespace Hakiri.Model.Steps;

/// <summary>
/// One retry rule: which error names it catches and how it backs off. The ASL emitter renders it as a Retry element
/// and the Durable orchestrator applies it with durable timers, so both clouds retry with the same numbers.
/// </summary>
/// <param name="Errors">The error names the rule matches (ASL <c>ErrorEquals</c>).</param>
/// <param name="Interval">The wait before the first retry (ASL <c>IntervalSeconds</c>).</param>
/// <param name="BackoffRate">The multiplier of the wait per retry; <see langword="null"/> leaves the ASL default (2.0).</param>
/// <param name="MaxAttempts">Retries after the first attempt (ASL <c>MaxAttempts</c>).</param>
/// <param name="MaxDelay">The longest wait, or <see langword="null"/> for no cap.</param>
/// <param name="FullJitter">Whether each wait is drawn uniformly from zero to the computed wait (ASL <c>JitterStrategy: FULL</c>).</param>
public sealed record StepRetryRule(
    IReadOnlyList<string> Errors, TimeSpan Interval, double? BackoffRate, int MaxAttempts, TimeSpan? MaxDelay, bool FullJitter)
{
    /// <summary>The backoff rate applied: the given one, or the ASL default of 2.0.</summary>
    public double EffectiveBackoffRate => BackoffRate ?? 2.0;

    /// <summary>
    /// The wait before the next retry after <paramref name="retriesSoFar"/> retries of this rule: interval ×
    /// rate^retries, capped by <see cref="MaxDelay"/>, then scaled by <paramref name="jitter"/> (in [0, 1)) under full jitter.
    /// </summary>
    public TimeSpan DelayBefore(int retriesSoFar, double jitter)
    {
        var seconds = Interval.TotalSeconds * Math.Pow(EffectiveBackoffRate, retriesSoFar);
        if (MaxDelay is { } max)
        {
            seconds = Math.Min(seconds, max.TotalSeconds);
        }

        if (FullJitter)
        {
            seconds *= jitter;
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}

/// <summary>The one retry policy every step of every host shares; anything it does not name fails at once.</summary>
public static class StepRetryPolicy
{
    // Rate limits back off longest; transient faults (ours, Lambda's, timeouts) retry a few times with jitter;
    // expired credentials get one retry, by which time the host has refreshed them. Anything else fails at once.

    /// <summary>The rules, in the order they are matched (the first whose errors name the failure decides).</summary>
    public static IReadOnlyList<StepRetryRule> Rules { get; } =
    [
        new([StepErrors.RateLimited], TimeSpan.FromSeconds(5), 2.0, 6, TimeSpan.FromSeconds(300), FullJitter: true),
        new([StepErrors.Transient, .. StepErrors.LambdaTransient, "States.Timeout"], TimeSpan.FromSeconds(2), 2.0, 4, TimeSpan.FromSeconds(60), FullJitter: true),
        new([StepErrors.AuthExpired], TimeSpan.FromSeconds(1), null, 1, null, FullJitter: false),
    ];

    /// <summary>The index of the rule that retries <paramref name="error"/>, or -1 when it is not retried.</summary>
    public static int IndexOf(string error)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Errors.Contains(error, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
