namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>
/// What a run left behind, in the terms the parity test compares: the content hash of the tables (run-dependent
/// provenance excluded), the step calls per table in order, and the failure (error name and cause) if it failed.
/// </summary>
internal sealed record RunOutcome(string? ContentHash, IReadOnlyList<(string Step, string? Table)> Calls, string? Error, string? Cause)
{
    /// <summary>The steps each table went through, in order (discover under the key "").</summary>
    public IReadOnlyDictionary<string, string> StepsPerTable =>
        Calls.GroupBy(c => c.Table ?? string.Empty)
            .ToDictionary(g => g.Key, g => string.Join(" → ", g.Select(c => c.Step)), StringComparer.Ordinal);
}
