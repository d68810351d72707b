namespace Hakiri.Toml.Tests;

/// <summary>Decoded values: the corners the corpus does not pin down exactly (canonical text, normalisation, limits).</summary>
public sealed class TomlParserValueTests
{
    [Theory]
    [InlineData("1979-05-27t07:32:00.123456789z", TomlKind.OffsetDateTime, "1979-05-27T07:32:00.123456789Z")]
    [InlineData("1979-05-27 07:32:00.5-07:00", TomlKind.OffsetDateTime, "1979-05-27T07:32:00.5-07:00")]
    [InlineData("1979-05-27T07:32:00", TomlKind.LocalDateTime, "1979-05-27T07:32:00")]
    [InlineData("2000-02-29", TomlKind.LocalDate, "2000-02-29")]
    [InlineData("23:59:60.000", TomlKind.LocalTime, "23:59:60.000")]
    public void Parse_DateTime_KeepsKindAndCanonicalText(string literal, TomlKind kind, string text)
    {
        var value = Assert.IsType<TomlDateTime>(TomlParser.Parse($"v = {literal}")["v"]);

        Assert.Equal(kind, value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData("9_223_372_036_854_775_807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x7fff_FFFF_ffff_FFFF", long.MaxValue)]
    [InlineData("0o17", 15)]
    [InlineData("0b1010", 10)]
    [InlineData("+0", 0)]
    public void Parse_Integer_DecodesEveryRadixToTheLimits(string literal, long expected)
    {
        Assert.Equal(expected, Assert.IsType<TomlInteger>(TomlParser.Parse($"v = {literal}")["v"]).Value);
    }

    [Theory]
    [InlineData("-0.0", "-0")]
    [InlineData("6.626e-34", "6.626E-34")]
    [InlineData("1_000.000_1", "1000.0001")]
    [InlineData("-inf", "-Infinity")]
    [InlineData("+nan", "NaN")]
    public void Parse_Float_DecodesSignsExponentsAndSpecials(string literal, string expected)
    {
        var value = Assert.IsType<TomlFloat>(TomlParser.Parse($"v = {literal}")["v"]).Value;

        Assert.Equal(expected, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_MultilineStrings_NormaliseCrlfAndHonourLineEndingBackslash()
    {
        var root = TomlParser.Parse("a = \"\"\"\r\none\r\ntwo \\\r\n   \r\n  three\"\"\"\r\nb = '''\r\nraw\\\r\n'''\r\n");

        Assert.Equal("one\ntwo three", ((TomlString)root["a"]!).Value);
        Assert.Equal("raw\\\n", ((TomlString)root["b"]!).Value);
    }

    [Fact]
    public void Parse_Escapes_DecodeToUtf16IncludingAstralCharacters()
    {
        var value = ((TomlString)TomlParser.Parse("s = \"\\u00E9\\U0001F600\\t\\\"\"")["s"]!).Value;

        Assert.Equal("é😀\t\"", value);
    }

    [Fact]
    public void Parse_Document_KeepsKeysInDefinitionOrderAndTypes()
    {
        var root = TomlParser.Parse("z = 1\na = [1, 'two', 3.0, [true], {x = 1979-05-27}]\nm.n = {}\n");

        Assert.Equal(["z", "a", "m"], root.Entries.Select(e => e.Key));
        var mixed = Assert.IsType<TomlArray>(root["a"]);
        Assert.False(mixed.IsArrayOfTables);
        Assert.Equal(["integer", "string", "float", "array", "table"], mixed.Select(v => v.TypeName));
        Assert.Equal("local date", ((TomlTable)mixed[4])["x"]!.TypeName);
    }

    [Fact]
    public void Parse_Utf8BytesWithBom_MatchesParsedText()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "k = \"é\"\n"u8];

        var root = TomlParser.Parse(bytes);

        Assert.Equal("é", ((TomlString)root["k"]!).Value);
        Assert.True(root.TryGetEntry("k", out var entry));
        Assert.Equal(new TomlPosition(1, 1), entry.KeyPosition);
    }
}
