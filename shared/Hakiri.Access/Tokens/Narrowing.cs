using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>Checks that a later block only narrows the blocks before it. Filters and redactions only ever add, so they cannot widen.</summary>
internal static class Narrowing
{
    /// <summary>What about <paramref name="child"/> widens <paramref name="parents"/> (a clause), or <see langword="null"/> when it only narrows.</summary>
    public static string? Widening(IReadOnlyList<ScopeBlock> parents, ScopeBlock child, bool hasSubject)
    {
        if (hasSubject)
        {
            return "adds its own subject (only the issuer's block names who holds the token)";
        }

        if (child.Tables is { } tables)
        {
            if (tables.Count == 0)
            {
                return "names no tables";
            }

            foreach (var table in tables)
            {
                if (parents.Any(p => p.Tables is { } allowed && !allowed.Any(a => TablePattern.Covers(a, table))))
                {
                    return $"widens tables: '{table}' is not covered by the tables of the token it narrows";
                }
            }
        }

        if (child.Actions is { } actions)
        {
            foreach (var action in actions)
            {
                if (parents.Any(p => p.Actions is { } allowed && !allowed.Contains(action, StringComparer.Ordinal)))
                {
                    return $"widens actions: '{action}' is not allowed by the token it narrows";
                }
            }
        }

        var parentExpiry = parents.Min(p => p.ExpiresAt);
        return child.ExpiresAt > parentExpiry
            ? $"widens its lifetime: it expires at {child.ExpiresAt:u}, after the token it narrows ({parentExpiry:u})"
            : null;
    }
}
