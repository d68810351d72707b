namespace Hakiri.DuckDb;

/// <summary>Identifier quoting the way DuckDB writes field names inside type names.</summary>
internal static class SqlIdentifiers
{
    /// <summary>The name as is when it is a plain identifier and no keyword; otherwise double-quoted, quotes doubled.</summary>
    public static string QuoteIfNeeded(string name) =>
        IsPlain(name) && !SqlKeywords.Contains(name) ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool IsPlain(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
