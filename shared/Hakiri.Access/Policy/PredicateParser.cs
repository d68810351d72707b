using System.Globalization;

namespace Hakiri.Access.Policy;

/// <summary>
/// Reads and prints Hakiri's row-filter language: <c>column op value</c> (<c>= != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>),
/// <c>[NOT] IN (…)</c>, <c>IS [NOT] NULL</c>, <c>NOT</c> over <c>AND</c> over <c>OR</c>, parentheses; values are quoted strings
/// (quotes doubled inside), numbers, <c>true</c>/<c>false</c> and the parameters <c>$agent $host $on_behalf_of $task_id</c>.
/// </summary>
public static class PredicateParser
{
    /// <summary>Longest predicate text accepted.</summary>
    public const int MaxLength = 4096;

    /// <summary>Deepest nesting of parentheses and <c>NOT</c> accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="PredicateSyntaxException">The text is not a predicate; the message says where and what was expected.</exception>
    public static Predicate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new PredicateSyntaxException(
                $"predicate is {text.Length} characters long at column {MaxLength + 1}: keep it under {MaxLength} characters", MaxLength + 1);
        }

        var parser = new Reader(PredicateLexer.Tokenize(text));
        var predicate = parser.Or(0);
        parser.ExpectEnd();
        return predicate;
    }

    /// <summary>The canonical text of <paramref name="predicate"/>; <see cref="Parse"/> reads it back to an equal predicate.</summary>
    public static string Print(Predicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return PredicatePrinter.Print(predicate);
    }

    private sealed class Reader(List<PredicateToken> tokens)
    {
        private int _next;

        private PredicateToken Peek => tokens[_next];

        public Predicate Or(int depth)
        {
            var left = And(depth);
            while (Peek.IsKeyword("OR"))
            {
                _next++;
                left = new AnyOf(left, And(depth));
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (Peek.Kind != PredicateTokenKind.End)
            {
                throw Unexpected("AND, OR or the end of the filter");
            }
        }

        private Predicate And(int depth)
        {
            var left = Not(depth);
            while (Peek.IsKeyword("AND"))
            {
                _next++;
                left = new AllOf(left, Not(depth));
            }

            return left;
        }

        private Predicate Not(int depth)
        {
            if (depth >= MaxDepth)
            {
                throw new PredicateSyntaxException(
                    $"predicate nests deeper than {MaxDepth} levels at column {Peek.Column}: flatten the parentheses or NOTs", Peek.Column);
            }

            if (Peek.IsKeyword("NOT"))
            {
                _next++;
                return new Negation(Not(depth + 1));
            }

            if (Peek.Kind == PredicateTokenKind.OpenParen)
            {
                _next++;
                var inner = Or(depth + 1);
                if (Peek.Kind != PredicateTokenKind.CloseParen)
                {
                    throw Unexpected("')'");
                }

                _next++;
                return inner;
            }

            return Condition();
        }

        private Predicate Condition()
        {
            var column = Peek;
            if (column.Kind != PredicateTokenKind.QuotedIdentifier && (column.Kind != PredicateTokenKind.Identifier || PredicatePrinter.IsKeyword(column.Text)))
            {
                throw Unexpected("a column name (quote odd names with backquotes)");
            }

            _next++;

            if (column.Text.Length == 0)
            {
                throw new PredicateSyntaxException($"empty column name at column {column.Column}: write a name between the backquotes", column.Column);
            }

            var token = Peek;
            if (token.Kind == PredicateTokenKind.Operator)
            {
                _next++;
                return new Comparison(column.Text, OperatorOf(token.Text), Value());
            }

            if (token.IsKeyword("IS"))
            {
                _next++;
                var negated = TakeKeyword("NOT");
                ExpectKeyword("NULL");
                return new NullCheck(column.Text, negated);
            }

            var notIn = TakeKeyword("NOT");
            if (!Peek.IsKeyword("IN"))
            {
                throw Unexpected(notIn ? "IN" : "an operator, IN, NOT IN or IS");
            }

            _next++;
            if (Peek.Kind != PredicateTokenKind.OpenParen)
            {
                throw Unexpected("'(' after IN");
            }

            _next++;
            var values = new List<PredicateValue> { Value() };
            while (Peek.Kind == PredicateTokenKind.Comma)
            {
                _next++;
                values.Add(Value());
            }

            if (Peek.Kind != PredicateTokenKind.CloseParen)
            {
                throw Unexpected("',' or ')'");
            }

            _next++;
            return new InList(column.Text, values, notIn);
        }

        private PredicateValue Value()
        {
            var token = Peek;
            _next++;
            switch (token.Kind)
            {
                case PredicateTokenKind.String:
                    return new StringValue(token.Text);
                case PredicateTokenKind.Number:
                    return new NumberValue(decimal.Parse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
                case PredicateTokenKind.Parameter:
                    return new ParameterValue(token.Text);
                case PredicateTokenKind.Identifier when token.IsKeyword("true"):
                    return new BooleanValue(true);
                case PredicateTokenKind.Identifier when token.IsKeyword("false"):
                    return new BooleanValue(false);
                default:
                    _next--;
                    throw Unexpected("a value (a quoted string, a number, true, false or a $parameter)");
            }
        }

        private bool TakeKeyword(string keyword)
        {
            if (!Peek.IsKeyword(keyword))
            {
                return false;
            }

            _next++;
            return true;
        }

        private void ExpectKeyword(string keyword)
        {
            if (!TakeKeyword(keyword))
            {
                throw Unexpected(keyword);
            }
        }

        private PredicateSyntaxException Unexpected(string expected) =>
            new($"unexpected {Peek.Describe()} at column {Peek.Column}: expected {expected}", Peek.Column);

        private static ComparisonOperator OperatorOf(string text) => text switch
        {
            "=" => ComparisonOperator.Equal,
            "!=" or "<>" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
    }
}
