namespace Hakiri.Access.Zones;

/// <summary>
/// Data withheld from a caller because of where its model runs: a table's rows (<see cref="Column"/> is null) or one
/// column's values. Every answer that touched it says so.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The column whose values read as NULL, or <see langword="null"/> when the table's rows are withheld.</param>
/// <param name="Allowed">The zones the data may be served to.</param>
/// <param name="CallerZone">The caller's zone, or <see langword="null"/> when it declared none.</param>
public sealed record ZoneWithholding(string Table, string? Column, IReadOnlyList<string> Allowed, string? CallerZone)
{
    /// <summary>What was withheld, why, and what to do, in one sentence.</summary>
    public string Sentence()
    {
        var what = Column is null ? $"The rows of '{Table}' are withheld" : $"Column '{Table}.{Column}' is withheld (NULL in every row)";
        var zones = string.Join(", ", Allowed);
        return CallerZone is null
            ? $"{what}: it may be served only to models in {zones}, and this caller declared no zone; issue its token with --zone <kind>:<name> (or run 'hakiri serve --zone local:device' for a local model)."
            : $"{what}: it may be served only to models in {zones}, not to this caller's zone {CallerZone}.";
    }
}
