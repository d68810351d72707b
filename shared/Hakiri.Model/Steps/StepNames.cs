namespace Hakiri.Model.Steps;

/// <summary>
/// The five steps' handler names, in pipeline order: the one list the emitter, the dispatcher, the hosts and the
/// run's output collector share.
/// </summary>
public static class StepNames
{
    /// <summary>Finds what to pull.</summary>
    public const string Discover = "discover";

    /// <summary>Stages one batch of a table.</summary>
    public const string PullBatch = "pull-batch";

    /// <summary>Lands a table's staged batches and commits them with the cursor.</summary>
    public const string Write = "write";

    /// <summary>Merges small files.</summary>
    public const string Compact = "compact";

    /// <summary>Builds sidecar indexes.</summary>
    public const string Index = "index";

    /// <summary>All steps, in pipeline order.</summary>
    public static IReadOnlyList<string> All { get; } = [Discover, PullBatch, Write, Compact, Index];
}
