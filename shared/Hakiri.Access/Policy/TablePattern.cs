namespace Hakiri.Access.Policy;

/// <summary>Table names and patterns in tokens: a pattern's <c>*</c> matches any run of characters; names compare ordinally, ignoring case (as DuckDB resolves them).</summary>
public static class TablePattern
{
    /// <summary>Whether <paramref name="pattern"/> matches the table <paramref name="table"/>.</summary>
    public static bool Matches(string pattern, string table)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(table);
        return Glob(pattern, table);
    }

    /// <summary>Whether every table <paramref name="narrower"/> matches is also matched by <paramref name="wider"/>.</summary>
    public static bool Covers(string wider, string narrower)
    {
        ArgumentNullException.ThrowIfNull(wider);
        ArgumentNullException.ThrowIfNull(narrower);

        // Read the narrower pattern as text in which each '*' is a character no literal matches, so only a '*' of the wider
        // pattern can absorb it. That match succeeds exactly when the languages nest: replacing the narrower's stars by a
        // character the wider never names gives a table the wider must match, and any table the narrower matches is got by
        // widening those stars, which the wider's stars absorb as well.
        return Glob(wider, narrower);
    }

    /// <summary>Wildcard match in O(pattern × text) worst case (tokens are untrusted input: no exponential backtracking).</summary>
    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && text[t] != '*' && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
