using System.Globalization;
using System.Text;

namespace Hakiri.Access.Policy;

internal enum PredicateTokenKind
{
    Identifier,
    QuotedIdentifier,
    String,
    Number,
    Parameter,
    Operator,
    OpenParen,
    CloseParen,
    Comma,
    End,
}

/// <summary>One lexeme: <paramref name="Text"/> is the value (unquoted), <paramref name="Raw"/> what the source said, <paramref name="Column"/> 1-based.</summary>
internal readonly record struct PredicateToken(PredicateTokenKind Kind, string Text, string Raw, int Column)
{
    public bool IsKeyword(string keyword) => Kind == PredicateTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind == PredicateTokenKind.End ? "end of text" : $"'{Raw}'";
}

/// <summary>Splits predicate text into tokens; every error names its column.</summary>
internal static class PredicateLexer
{
    public static List<PredicateToken> Tokenize(string text)
    {
        var tokens = new List<PredicateToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new PredicateToken(PredicateTokenKind.End, "", "", text.Length + 1));
                return tokens;
            }

            var start = i;
            var c = text[i];
            PredicateToken token = c switch
            {
                '(' => new(PredicateTokenKind.OpenParen, "(", "(", start + 1),
                ')' => new(PredicateTokenKind.CloseParen, ")", ")", start + 1),
                ',' => new(PredicateTokenKind.Comma, ",", ",", start + 1),
                '"' or '\'' => Quoted(text, start, c, PredicateTokenKind.String, "string"),
                '`' => Quoted(text, start, c, PredicateTokenKind.QuotedIdentifier, "column name"),
                '$' => Parameter(text, start),
                '=' or '!' or '<' or '>' => Operator(text, start),
                _ when c == '-' || char.IsAsciiDigit(c) => Number(text, start),
                _ when IsIdentifierStart(c) => Identifier(text, start),
                _ => throw new PredicateSyntaxException($"unexpected '{c}' at column {start + 1}: expected a column, value, operator or parenthesis", start + 1),
            };
            tokens.Add(token);
            i = start + token.Raw.Length;
        }
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static PredicateToken Quoted(string text, int start, char quote, PredicateTokenKind kind, string what)
    {
        var value = new StringBuilder();
        var i = start + 1;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new PredicateSyntaxException($"unterminated {what} starting at column {start + 1}: close it with {quote}", start + 1);
            }

            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                return new PredicateToken(kind, value.ToString(), text[start..(i + 1)], start + 1);
            }

            value.Append(text[i]);
            i++;
        }
    }

    private static PredicateToken Parameter(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        var name = text[(start + 1)..end];
        if (!ParameterValue.Known.Contains(name, StringComparer.Ordinal))
        {
            throw new PredicateSyntaxException(
                $"unknown parameter '${name}' at column {start + 1}: use $agent, $host, $on_behalf_of or $task_id", start + 1);
        }

        return new PredicateToken(PredicateTokenKind.Parameter, name, text[start..end], start + 1);
    }

    private static PredicateToken Operator(string text, int start)
    {
        var two = start + 1 < text.Length ? text.Substring(start, 2) : "";
        if (two is "!=" or "<>" or "<=" or ">=")
        {
            return new PredicateToken(PredicateTokenKind.Operator, two, two, start + 1);
        }

        if (text[start] == '!')
        {
            throw new PredicateSyntaxException($"unexpected '!' at column {start + 1}: expected '!=' (or use NOT)", start + 1);
        }

        var one = text[start].ToString();
        return new PredicateToken(PredicateTokenKind.Operator, one, one, start + 1);
    }

    private static PredicateToken Number(string text, int start)
    {
        var end = start;
        if (text[end] == '-')
        {
            end++;
        }

        var digitsStart = end;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        var raw = text[start..end];
        var digits = text[digitsStart..end];
        if (digits.Length == 0 || digits[0] == '.' || digits[^1] == '.' || digits.Count(ch => ch == '.') > 1
            || (end < text.Length && IsIdentifierPart(text[end]))
            || !decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            throw new PredicateSyntaxException($"malformed number '{raw}' at column {start + 1}: write digits with an optional '-' and one '.', like -12.5", start + 1);
        }

        return new PredicateToken(PredicateTokenKind.Number, raw, raw, start + 1);
    }

    private static PredicateToken Identifier(string text, int start)
    {
        var end = start;
        while (end < text.Length && IsIdentifierPart(text[end]))
        {
            end++;
        }

        var name = text[start..end];
        return new PredicateToken(PredicateTokenKind.Identifier, name, name, start + 1);
    }
}
