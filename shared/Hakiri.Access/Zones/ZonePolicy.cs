using Hakiri.Access.Policy;

namespace Hakiri.Access.Zones;

/// <summary>
/// Where a table's data may be served: the zones allowed for its rows and, per column, for that column's values. A
/// caller outside the table's list sees none of its rows; outside a column's list, that column reads as NULL.
/// </summary>
/// <param name="Table">The zones allowed for the table's rows, or <see langword="null"/> when the table has no list.</param>
/// <param name="Columns">Column name (any case) to the zones allowed for its values; a PHI column's list is already filled in.</param>
public sealed record ZonePolicy(IReadOnlyList<string>? Table, IReadOnlyDictionary<string, IReadOnlyList<string>> Columns)
{
    /// <summary>Whether the policy restricts anything.</summary>
    public bool Any => Table is not null || Columns.Count > 0;

    /// <summary>
    /// Folds the policy into <paramref name="grant"/> for a caller in <paramref name="zone"/> (<see langword="null"/>:
    /// unknown, admitted by no list): withheld columns join the redactions, and every withholding is listed on the grant.
    /// </summary>
    public TableGrant Apply(TableGrant grant, string? zone)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var withheld = new List<ZoneWithholding>();
        if (Table is not null && !InferenceZones.Allows(Table, zone))
        {
            withheld.Add(new ZoneWithholding(grant.Table, null, Table, zone));
        }

        var redact = grant.Redact.ToList();
        foreach (var (column, allowed) in Columns.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!InferenceZones.Allows(allowed, zone))
            {
                withheld.Add(new ZoneWithholding(grant.Table, column, allowed, zone));
                if (!grant.Redacts(column))
                {
                    redact.Add(column);
                }
            }
        }

        return withheld.Count == 0 ? grant : grant with { Redact = redact, Withheld = [.. grant.Withheld, .. withheld] };
    }
}
