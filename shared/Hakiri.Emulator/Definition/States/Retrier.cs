using Hakiri.Emulator.Execution;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Definition.States;

/// <summary>How a retrier spreads its delays.</summary>
internal enum JitterStrategy
{
    /// <summary>The computed backoff exactly.</summary>
    None,

    /// <summary>A uniformly random delay between zero and the computed backoff.</summary>
    Full,
}

/// <summary>One element of a Retry array.</summary>
internal sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    int IntervalSeconds,
    int MaxAttempts,
    double BackoffRate,
    int? MaxDelaySeconds,
    JitterStrategy Jitter)
{
    /// <summary>
    /// The wait before the next retry, given how many retries this retrier already made:
    /// IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds, then jittered.
    /// </summary>
    public TimeSpan DelayBefore(int retriesSoFar, RandomSource random)
    {
        var seconds = IntervalSeconds * Math.Pow(BackoffRate, retriesSoFar);
        if (MaxDelaySeconds is { } max)
        {
            seconds = Math.Min(seconds, max);
        }

        if (Jitter == JitterStrategy.Full)
        {
            seconds *= random.NextDouble();
        }

        // TimeSpan caps at about 29 000 years; a runaway backoff rate must not overflow it.
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
    }
}

/// <summary>One element of a Catch array.</summary>
internal sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, JsonPath? ResultPath);
