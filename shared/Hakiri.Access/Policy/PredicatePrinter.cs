using System.Globalization;
using System.Text;

namespace Hakiri.Access.Policy;

/// <summary>Canonical text of a predicate: upper-case keywords, double-quoted strings, parentheses only where precedence needs them.</summary>
internal static class PredicatePrinter
{
    private static readonly string[] Keywords = ["AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE"];

    public static bool IsKeyword(string word) => Keywords.Contains(word, StringComparer.OrdinalIgnoreCase);

    public static string Print(Predicate predicate)
    {
        var text = new StringBuilder();
        Write(text, predicate, Level.Or);
        return text.ToString();
    }

    private enum Level
    {
        Or,
        And,
        Not,
    }

    private static void Write(StringBuilder text, Predicate predicate, Level level)
    {
        switch (predicate)
        {
            case AnyOf any:
                Grouped(text, level > Level.Or, () =>
                {
                    Write(text, any.Left, Level.Or);
                    text.Append(" OR ");
                    Write(text, any.Right, Level.And);
                });
                break;
            case AllOf all:
                Grouped(text, level > Level.And, () =>
                {
                    Write(text, all.Left, Level.And);
                    text.Append(" AND ");
                    Write(text, all.Right, Level.Not);
                });
                break;
            case Negation not:
                text.Append("NOT ");
                Write(text, not.Inner, Level.Not);
                break;
            case Comparison c:
                text.Append(Column(c.Column)).Append(' ').Append(Operator(c.Operator)).Append(' ').Append(Value(c.Value));
                break;
            case InList list:
                text.Append(Column(list.Column)).Append(list.Negated ? " NOT IN (" : " IN (")
                    .AppendJoin(", ", list.Values.Select(Value)).Append(')');
                break;
            case NullCheck check:
                text.Append(Column(check.Column)).Append(check.Negated ? " IS NOT NULL" : " IS NULL");
                break;
            default:
                throw new ArgumentException($"Unknown predicate node {predicate.GetType().Name}.", nameof(predicate));
        }
    }

    private static void Grouped(StringBuilder text, bool parenthesize, Action body)
    {
        if (parenthesize)
        {
            text.Append('(');
        }

        body();
        if (parenthesize)
        {
            text.Append(')');
        }
    }

    private static string Column(string name) =>
        name.Length > 0 && PredicateLexer.IsIdentifierStart(name[0]) && name.All(PredicateLexer.IsIdentifierPart) && !IsKeyword(name)
            ? name
            : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private static string Value(PredicateValue value) => value switch
    {
        StringValue s => "\"" + s.Value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        NumberValue n => n.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValue b => b.Value ? "true" : "false",
        ParameterValue p => "$" + p.Name,
        _ => throw new ArgumentException($"Unknown predicate value {value.GetType().Name}.", nameof(value)),
    };
}
