using Hakiri.Access.Policy;

namespace Hakiri.Access.Tests.Policy;

public sealed class PredicateParserTests
{
    public static TheoryData<string, string> Canonical => new()
    {
        { "region = \"EU\"", "region = \"EU\"" },
        { "region='EU'", "region = \"EU\"" },
        { "name = 'O''Brien'", "name = \"O'Brien\"" },
        { "quote = \"a\"\"b\"", "quote = \"a\"\"b\"" },
        { "a <> 1", "a != 1" },
        { "a != -2.50", "a != -2.50" },
        { "a < 1 and b <= 2 or c > 3 AND d >= 4", "a < 1 AND b <= 2 OR c > 3 AND d >= 4" },
        { "a = 1 or (b = 2 or c = 3)", "a = 1 OR (b = 2 OR c = 3)" },
        { "(a = 1 or b = 2) and c = 3", "(a = 1 OR b = 2) AND c = 3" },
        { "not a = 1 and b = 2", "NOT a = 1 AND b = 2" },
        { "not (a = 1 and b = 2)", "NOT (a = 1 AND b = 2)" },
        { "NOT NOT flag = true", "NOT NOT flag = true" },
        { "tier in (1, 2,3)", "tier IN (1, 2, 3)" },
        { "tier Not In ('x', $agent)", "tier NOT IN (\"x\", $agent)" },
        { "closed_at is null", "closed_at IS NULL" },
        { "closed_at IS NOT NULL", "closed_at IS NOT NULL" },
        { "owner = $on_behalf_of or host = $host or t = $task_id", "owner = $on_behalf_of OR host = $host OR t = $task_id" },
        { "`odd name` = FALSE", "`odd name` = false" },
        { "`and` = 1", "`and` = 1" },
        { "`back``tick` = 1", "`back``tick` = 1" },
        { "Region = 'é ü 日本'", "Region = \"é ü 日本\"" },
        { "_x9 = 0", "_x9 = 0" },
        { "a = 1 and (b = 2 and c = 3)", "a = 1 AND (b = 2 AND c = 3)" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Print_Parsed_CanonicalTextThatReparsesEqual(string text, string canonical)
    {
        var predicate = PredicateParser.Parse(text);

        var printed = PredicateParser.Print(predicate);

        Assert.Equal(canonical, printed);
        Assert.Equal(printed, PredicateParser.Print(PredicateParser.Parse(printed)));
        Assert.Equal(Shape(predicate), Shape(PredicateParser.Parse(printed)));
    }

    [Fact]
    public void Parse_Precedence_NotOverAndOverOr()
    {
        var predicate = PredicateParser.Parse("NOT a = 1 AND b = 2 OR c IS NULL");

        var or = Assert.IsType<AnyOf>(predicate);
        var and = Assert.IsType<AllOf>(or.Left);
        Assert.IsType<Negation>(and.Left);
        Assert.Equal(new Comparison("b", ComparisonOperator.Equal, new NumberValue(2)), and.Right);
        Assert.Equal(new NullCheck("c", false), or.Right);
    }

    [Fact]
    public void Print_HandBuiltTrees_ReparseToSameShape()
    {
        Predicate[] trees =
        [
            new AnyOf(new Comparison("a", ComparisonOperator.Less, new NumberValue(1)), new AnyOf(new NullCheck("b", true), new NullCheck("c", false))),
            new AllOf(new AnyOf(new NullCheck("a", false), new NullCheck("b", false)), new Negation(new AllOf(new NullCheck("c", false), new NullCheck("d", false)))),
            new Negation(new AnyOf(new InList("x y", [new StringValue("\"'"), new BooleanValue(true)], true), new Comparison("NULL", ComparisonOperator.GreaterOrEqual, new ParameterValue("agent")))),
            new AllOf(new NullCheck("a", false), new AllOf(new NullCheck("b", false), new AnyOf(new NullCheck("c", false), new NullCheck("d", false)))),
        ];

        foreach (var tree in trees)
        {
            Assert.Equal(Shape(tree), Shape(PredicateParser.Parse(PredicateParser.Print(tree))));
        }
    }

    [Theory]
    [InlineData("region = \"EU\" AND )", 19, "unexpected ')' at column 19: expected a column name")]
    [InlineData("region = )", 10, "unexpected ')' at column 10: expected a value")]
    [InlineData("region =", 9, "unexpected end of text at column 9: expected a value")]
    [InlineData("", 1, "unexpected end of text at column 1: expected a column name")]
    [InlineData("region = 'EU", 10, "unterminated string starting at column 10")]
    [InlineData("owner = $user", 9, "unknown parameter '$user' at column 9")]
    [InlineData("a = 1 b = 2", 7, "unexpected 'b' at column 7: expected AND, OR or the end of the filter")]
    [InlineData("(a = 1", 7, "expected ')'")]
    [InlineData("a in 1", 6, "expected '(' after IN")]
    [InlineData("a in (1 2)", 9, "expected ',' or ')'")]
    [InlineData("a not like 'x'", 7, "expected IN")]
    [InlineData("a is empty", 6, "expected NULL")]
    [InlineData("a ! 1", 3, "expected '!='")]
    [InlineData("a = 1.2.3", 5, "malformed number '1.2.3'")]
    [InlineData("a = -", 5, "malformed number '-'")]
    [InlineData("a = 12abc", 5, "malformed number")]
    [InlineData("a = ; drop table x", 5, "unexpected ';' at column 5")]
    [InlineData("and = 1", 1, "expected a column name")]
    [InlineData("a = null", 5, "expected a value")]
    [InlineData("`` = 1", 1, "empty column name")]
    [InlineData("a = b", 5, "expected a value")]
    public void Parse_BadText_LocatedSyntaxError(string text, int column, string message)
    {
        var error = Assert.Throws<PredicateSyntaxException>(() => PredicateParser.Parse(text));

        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Parse_TooDeep_Refused()
    {
        var text = new string('(', 40) + "a = 1" + new string(')', 40);

        var error = Assert.Throws<PredicateSyntaxException>(() => PredicateParser.Parse(text));

        Assert.Contains("nests deeper than 32 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(33, error.Column);
    }

    [Fact]
    public void Parse_TooLong_Refused()
    {
        var text = string.Join(" OR ", Enumerable.Repeat("a = 1", 700));

        var error = Assert.Throws<PredicateSyntaxException>(() => PredicateParser.Parse(text));

        Assert.Contains("keep it under 4096 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_Accepted() =>
        Assert.IsType<Comparison>(PredicateParser.Parse(new string('(', 31) + "a = 1" + new string(')', 31)));

    /// <summary>Structural text of a tree (records with lists compare lists by reference, so compare this instead).</summary>
    private static string Shape(Predicate predicate) => predicate switch
    {
        AnyOf o => $"Or({Shape(o.Left)},{Shape(o.Right)})",
        AllOf a => $"And({Shape(a.Left)},{Shape(a.Right)})",
        Negation n => $"Not({Shape(n.Inner)})",
        InList l => $"In({l.Column}|{l.Negated}|{string.Join(",", l.Values)})",
        _ => predicate.ToString()!,
    };
}
