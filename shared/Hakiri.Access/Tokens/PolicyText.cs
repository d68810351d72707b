using Hakiri.Access.Policy;

namespace Hakiri.Access.Tokens;

/// <summary>Reads the text parts of a token request (tables, actions, <c>table: predicate</c> filters, <c>table.column</c> redactions); each error is a located sentence.</summary>
internal static class PolicyText
{
    public const int MaxNameLength = 128;

    public static string? TableProblem(string table) =>
        table.Length == 0 ? "is empty"
        : table.Length > MaxNameLength ? $"is longer than {MaxNameLength} characters"
        : table.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '*') ? null
        : "may hold only letters, digits, '_', '-' and '*'";

    public static string? ActionProblem(string action) =>
        action.Length is > 0 and <= 64 && action.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is ':' or '_' or '-')
            ? null
            : "must be lower-case letters, digits, '_', '-' and ':' (like read or write:memory)";

    public static string? RedactProblem(string entry)
    {
        var dot = entry.LastIndexOf('.');
        if (dot <= 0 || dot == entry.Length - 1)
        {
            return "must be table.column";
        }

        var column = entry[(dot + 1)..];
        return TableProblem(entry[..dot]) is { } table ? $"names a table that {table}"
            : column.Length <= MaxNameLength && column.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$') ? null
            : "names a column with characters other than letters, digits, '_', '-' and '$'";
    }

    public static IReadOnlyList<string> Tables(IReadOnlyList<string> tables, string where)
    {
        if (tables.Count == 0)
        {
            throw new FormatException($"{where} names no tables: give at least one table name or pattern (like customers or sales_*).");
        }

        foreach (var table in tables)
        {
            if (TableProblem(table) is { } problem)
            {
                throw new FormatException($"{where}: the table '{table}' {problem}.");
            }
        }

        return [.. tables];
    }

    public static IReadOnlyList<string> Actions(IReadOnlyList<string> actions, string where)
    {
        if (actions.Count == 0)
        {
            throw new FormatException($"{where} names no actions: give at least one (like read).");
        }

        foreach (var action in actions)
        {
            if (ActionProblem(action) is { } problem)
            {
                throw new FormatException($"{where}: the action '{action}' {problem}.");
            }
        }

        return [.. actions];
    }

    public static IReadOnlyList<string> Redactions(IReadOnlyList<string> redact, string where)
    {
        foreach (var entry in redact)
        {
            if (RedactProblem(entry) is { } problem)
            {
                throw new FormatException($"{where}: the redaction '{entry}' {problem} (like customers.email).");
            }
        }

        return [.. redact];
    }

    /// <summary>Parses <c>table: predicate</c>.</summary>
    public static TableFilter Filter(string text, string where)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw new FormatException($"{where}: the filter '{text}' has no ':'; write it as table: predicate (like customers: region = \"EU\").");
        }

        return Filter(text[..colon].Trim(), text[(colon + 1)..].Trim(), where);
    }

    public static TableFilter Filter(string table, string predicateText, string where)
    {
        if (TableProblem(table) is { } problem)
        {
            throw new FormatException($"{where}: the filter's table '{table}' {problem}.");
        }

        try
        {
            var predicate = PredicateParser.Parse(predicateText);
            return new TableFilter(table, predicate, PredicateParser.Print(predicate));
        }
        catch (PredicateSyntaxException e)
        {
            throw new FormatException($"{where}: the filter on '{table}' is malformed: {e.Message}.", e);
        }
    }
}
