namespace Hakiri.Access.Policy;

/// <summary>
/// What a verified token allows: the intersection of its blocks. A table is visible only if every block that names tables
/// allows it; all matching row filters apply; redactions add up; the earliest expiry wins. Built by the token verifier;
/// tests may build one directly.
/// </summary>
/// <param name="Subject">Who holds the token.</param>
/// <param name="TokenId">The id of the token's last block (what <c>hakiri token revoke</c> takes).</param>
/// <param name="ChainIds">Ids of every block from the issuer's to the last; revoking any one revokes this token.</param>
/// <param name="Blocks">The blocks, issuer's first.</param>
public sealed record AccessScope(Subject Subject, string TokenId, IReadOnlyList<string> ChainIds, IReadOnlyList<ScopeBlock> Blocks)
{
    /// <summary>When the token stops being valid: the earliest expiry of its blocks.</summary>
    public DateTimeOffset ExpiresAt => Blocks.Min(b => b.ExpiresAt);

    /// <summary>
    /// Where the holder's model runs (<c>public-cloud:openai</c>, <c>on-prem:clinic</c>…), as the issuer's block says, or
    /// <see langword="null"/> when the token names none: data with a zone policy is then withheld.
    /// </summary>
    public string? Zone { get; init; }

    /// <summary>Whether every block that names actions allows <paramref name="action"/>.</summary>
    public bool Allows(string action) =>
        Blocks.Count > 0 && Blocks.All(b => b.Actions is null || b.Actions.Contains(action, StringComparer.Ordinal));

    /// <summary>What the holder may see of <paramref name="table"/>, or <see langword="null"/> when the table does not exist for it.</summary>
    public TableGrant? Resolve(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (Blocks.Count == 0 || !Blocks.All(b => b.Tables is null || b.Tables.Any(p => TablePattern.Matches(p, table))))
        {
            return null;
        }

        var filters = Blocks.SelectMany(b => b.Filters).Where(f => TablePattern.Matches(f.Table, table)).ToList();
        var redact = new List<string>();
        foreach (var entry in Blocks.SelectMany(b => b.Redact))
        {
            var dot = entry.LastIndexOf('.');
            if (dot > 0 && TablePattern.Matches(entry[..dot], table) && !redact.Contains(entry[(dot + 1)..], StringComparer.OrdinalIgnoreCase))
            {
                redact.Add(entry[(dot + 1)..]);
            }
        }

        return new TableGrant(table, filters, redact);
    }
}
