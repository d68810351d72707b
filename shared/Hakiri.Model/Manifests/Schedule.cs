namespace Hakiri.Model.Manifests;

/// <summary>An EventBridge schedule expression: <c>rate(…)</c> or <c>cron(…)</c>.</summary>
public abstract record Schedule
{
    private protected Schedule()
    {
    }

    /// <summary>The expression exactly as EventBridge accepts it.</summary>
    public abstract string Expression { get; }
}

/// <summary>A fixed rate, e.g. <c>rate(5 minutes)</c>.</summary>
/// <param name="Value">The positive number of units.</param>
/// <param name="Unit">The unit.</param>
public sealed record RateSchedule(int Value, RateUnit Unit) : Schedule
{
    /// <summary>The interval between runs.</summary>
    public TimeSpan Interval => Unit switch
    {
        RateUnit.Minute => TimeSpan.FromMinutes(Value),
        RateUnit.Hour => TimeSpan.FromHours(Value),
        _ => TimeSpan.FromDays(Value),
    };

    /// <inheritdoc />
    public override string Expression
    {
        get
        {
            var unit = Unit.ToString().ToLowerInvariant();
            return Value == 1 ? $"rate(1 {unit})" : $"rate({Value} {unit}s)";
        }
    }
}

/// <summary>The units EventBridge rate expressions accept.</summary>
public enum RateUnit
{
    /// <summary>Minutes.</summary>
    Minute,

    /// <summary>Hours.</summary>
    Hour,

    /// <summary>Days.</summary>
    Day,
}

/// <summary>A cron expression with EventBridge's six fields (minutes hours day-of-month month day-of-week year), in UTC.</summary>
/// <param name="Fields">The six fields as written.</param>
public sealed record CronSchedule(IReadOnlyList<string> Fields) : Schedule
{
    /// <inheritdoc />
    public override string Expression => $"cron({string.Join(' ', Fields)})";
}
