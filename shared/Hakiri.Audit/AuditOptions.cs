namespace Hakiri.Audit;

/// <summary>How the audit trail keeps the primary keys of the rows an agent read.</summary>
public enum AuditKeyMode
{
    /// <summary>Lower hex SHA-256 of <c>table\0key</c>: the log answers "who read c-42" without holding c-42.</summary>
    Hashed,

    /// <summary>The key as the table holds it.</summary>
    Plain,
}

/// <summary>Settings of an <see cref="AuditTrail"/> and an <see cref="AuditLog"/>.</summary>
public sealed record AuditOptions
{
    /// <summary>How keys are kept (spans and log alike); <see cref="AuditKeyMode.Hashed"/> unless the manifest says plain.</summary>
    public AuditKeyMode KeyMode { get; init; } = AuditKeyMode.Hashed;

    /// <summary>The clock that resolves relative times such as "the last 24 hours".</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Records per journal segment: when a segment holds this many, it is folded into the day's Parquet.</summary>
    public int FoldThreshold { get; init; } = 10_000;
}
