using Hakiri.Model.Manifests;

namespace Hakiri.Audit;

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
