using System.Globalization;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;

namespace Hakiri.Audit;

/// <summary>What to ask the audit log; every filter given must hold. <see cref="Key"/> needs <see cref="Table"/>.</summary>
public sealed record AuditQuery
{
    /// <summary>Reads that touched this table.</summary>
    public string? Table { get; init; }

    /// <summary>Reads that returned this primary key of <see cref="Table"/> (as the table holds it, never hashed by the caller).</summary>
    public string? Key { get; init; }

    /// <summary>Reads by this agent.</summary>
    public string? Agent { get; init; }

    /// <summary>Reads under this token id.</summary>
    public string? TokenId { get; init; }

    /// <summary>Reads at or after this instant; the day partitions before it are not opened.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>At most this many rows, newest first.</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>
    /// Parses a <c>--since</c> value: a duration back from <paramref name="now"/> (<c>90m</c>, <c>24h</c>, <c>7d</c>) or an
    /// ISO 8601 date or instant (UTC when no offset is given). False when it is neither.
    /// </summary>
    public static bool TryParseSince(string text, DateTimeOffset now, out DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(text);
        since = default;
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? span = trimmed[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (span is { } back)
            {
                since = now - back;
                return true;
            }
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since);
    }
}

/// <summary>Whether an answer row surely returned the asked key.</summary>
public enum AuditMatch
{
    /// <summary>The read returned the key (or no key was asked).</summary>
    Read,

    /// <summary>The read touched the key's table without naming every key it returned (an aggregate, a column list): it may have read the key.</summary>
    MayHaveRead,
}

/// <summary>One read the audit log answers with.</summary>
/// <param name="Time">When the read was answered.</param>
/// <param name="Subject">Who read; null when the server ran without access control.</param>
/// <param name="TokenId">The token id, if any.</param>
/// <param name="Tool">The tool or resource read.</param>
/// <param name="Tables">The tables the read touched.</param>
/// <param name="RowCount">Rows returned.</param>
/// <param name="KeyCount">Keys the record names.</param>
/// <param name="MatchedKeys">The asked key when this read returned it; empty otherwise.</param>
/// <param name="KeysComplete">Whether the record names every key returned.</param>
/// <param name="Match">Read, or may have read (asked key, incomplete keys).</param>
public sealed record AuditEntry(
    DateTimeOffset Time,
    Subject? Subject,
    string? TokenId,
    string Tool,
    IReadOnlyList<string> Tables,
    long RowCount,
    int KeyCount,
    IReadOnlyList<AuditKey> MatchedKeys,
    bool KeysComplete,
    AuditMatch Match);
