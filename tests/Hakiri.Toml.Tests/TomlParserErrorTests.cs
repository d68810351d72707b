namespace Hakiri.Toml.Tests;

/// <summary>Errors say what is wrong in a sentence and point at the exact line and column of the problem.</summary>
public sealed class TomlParserErrorTests
{
    public static TheoryData<string, int, int, string> Errors => new()
    {
        { "name \"x\"", 1, 6, "Expected '=' after the key 'name'" },
        { "a = 1\nb = 2\na = 3", 3, 1, "The key 'a' is defined twice (first at 1:1)" },
        { "s = \"bad \\q escape\"", 1, 10, "Invalid escape '\\q'" },
        { "[t]\nx = 1\n\n[t]", 4, 2, "The table [t] is defined twice (first at 1:1)" },
        { "a = 0x_1", 1, 7, "Expected a digit after the hexadecimal prefix" },
        { "big = 9223372036854775808", 1, 7, "does not fit in 64 bits" },
        { "d = 2023-02-29", 1, 13, "The day 29 does not exist in 2023-02" },
        { "t = 24:00:00", 1, 5, "The hour 24" },
        { "s = \"open\nnext = 1", 1, 10, "is not closed" },
        { "x = [1, 2", 1, 10, "The array opened at 1:5 is not closed" },
        { "x = { a = 1, }", 1, 14, "trailing comma" },
        { "x = { a = 1,\n b = 2 }", 1, 13, "must stay on one line" },
        { "a = {}\n[a]", 2, 2, "inline table" },
        { "a = []\n[[a]]", 2, 3, "static array" },
        { "[a.b]\nc = 1\n[a]\nb.d = 2", 4, 1, "cannot be extended by dotted keys" },
        { "a = 1\na.b = 2", 2, 1, "The key 'a' is already an integer (defined at 1:1)" },
        { "k = \"x\" # ok\u0001", 1, 13, "Comments may not contain control characters" },
        { "k = 1\r", 1, 6, "bare CR" },
        { "k = \"\\uD800\"", 1, 6, "not a Unicode scalar value" },
        { "k = true false", 1, 10, "Expected the end of the line after the value of key 'k'" },
        { "k = yes", 1, 5, "strings must be quoted" },
        { "[[a] ]", 1, 5, "Expected ']]'" },
        { "\"\"\"k\"\"\" = 1", 1, 1, "multi-line string cannot be used as a key" },
        { "a = 1\n\uFEFFb = 2", 2, 1, "Expected a key at the start of the line" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Parse_InvalidDocument_ReportsReasonAndExactPosition(string toml, int line, int column, string fragment)
    {
        var error = Assert.Throws<TomlSyntaxException>(() => TomlParser.Parse(toml));

        Assert.Contains(fragment, error.Reason, StringComparison.Ordinal);
        Assert.Equal(new TomlPosition(line, column), error.Position);
        Assert.Equal($"{line}:{column}: {error.Reason}", error.Message);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Parse_InvalidDocument_ReasonIsASentence(string toml, int line, int column, string fragment)
    {
        _ = (line, column, fragment);

        var reason = Assert.Throws<TomlSyntaxException>(() => TomlParser.Parse(toml)).Reason;

        Assert.True(char.IsUpper(reason[0]) || reason[0] == '[', $"'{reason}' does not start like a sentence.");
        Assert.EndsWith(".", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedArrays_ThrowsSyntaxErrorInsteadOfOverflowingTheStack()
    {
        var toml = "a = " + new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Throws<TomlSyntaxException>(() => TomlParser.Parse(toml));

        Assert.Contains("nested more than 128 levels", error.Reason, StringComparison.Ordinal);
        Assert.Equal(new TomlPosition(1, 5 + 128), error.Position);
    }

    [Fact]
    public void Parse_DeeplyNestedInlineTables_ThrowsSyntaxError()
    {
        var toml = "a = " + string.Concat(Enumerable.Repeat("{ b = ", 50_000)) + "1" + new string('}', 50_000);

        var error = Assert.Throws<TomlSyntaxException>(() => TomlParser.Parse(toml));

        Assert.Contains("nested", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsAccepted()
    {
        var toml = "a = " + new string('[', 128) + new string(']', 128);

        var root = TomlParser.Parse(toml);

        Assert.IsType<TomlArray>(root["a"]);
    }
}
