namespace Hakiri.Access.Policy;

/// <summary>Table names and patterns in tokens: a pattern's <c>*</c> matches any run of characters; names compare ordinally, ignoring case (as DuckDB resolves them).</summary>
public static class TablePattern
{
    /// <summary>Whether <paramref name="pattern"/> matches the table <paramref name="table"/>.</summary>
    public static bool Matches(string pattern, string table)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(table);
        return Matches(pattern.AsSpan(), table.AsSpan());
    }

    /// <summary>Whether every table <paramref name="narrower"/> matches is also matched by <paramref name="wider"/>.</summary>
    public static bool Covers(string wider, string narrower)
    {
        ArgumentNullException.ThrowIfNull(wider);
        ArgumentNullException.ThrowIfNull(narrower);
        if (!narrower.Contains('*', StringComparison.Ordinal))
        {
            return Matches(wider, narrower);
        }

        // A pattern is covered when the wider one matches it read as text ('*' in the narrower matched by '*' in the wider),
        // which holds exactly when the wider is '*', equal, or a literal-prefix/suffix generalisation of it.
        return wider == "*" || string.Equals(wider, narrower, StringComparison.OrdinalIgnoreCase)
            || (wider.Count(c => c == '*') == 1 && Matches(wider, narrower) && narrower.StartsWith(wider[..wider.IndexOf('*', StringComparison.Ordinal)], StringComparison.OrdinalIgnoreCase)
                && narrower.EndsWith(wider[(wider.IndexOf('*', StringComparison.Ordinal) + 1)..], StringComparison.OrdinalIgnoreCase));
    }

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (true)
        {
            if (pattern.IsEmpty)
            {
                return text.IsEmpty;
            }

            if (pattern[0] == '*')
            {
                var rest = pattern[1..];
                for (var i = 0; i <= text.Length; i++)
                {
                    if (Matches(rest, text[i..]))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (text.IsEmpty || char.ToUpperInvariant(pattern[0]) != char.ToUpperInvariant(text[0]))
            {
                return false;
            }

            pattern = pattern[1..];
            text = text[1..];
        }
    }
}
