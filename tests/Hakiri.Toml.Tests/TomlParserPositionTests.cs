namespace Hakiri.Toml.Tests;

/// <summary>Every key, value and table remembers the line and column where it was written.</summary>
public sealed class TomlParserPositionTests
{
    private const string Document = """"
        # header comment
        title = "Hakiri"
        owner.name  =  'Ada'

        [server]
          port = 8080
          hosts = [ "a",
                    "b" ]
          limits = { cpu = 2, memory.max = 512 }

        [[jobs]]
        name = 1979-05-27T07:32:00Z
        [[jobs]]
        name = """
        two
        lines"""
        after = true
        """";

    private static readonly TomlTable Root = TomlParser.Parse(Document);

    [Fact]
    public void Parse_Root_IsAtStartWithRootOrigin()
    {
        Assert.Equal(new TomlPosition(1, 1), Root.Position);
        Assert.Equal(TomlTableOrigin.Root, Root.Origin);
    }

    [Theory]
    [InlineData("title", 2, 1, 2, 9)]
    [InlineData("owner", 3, 1, 3, 1)]
    [InlineData("server", 5, 2, 5, 1)]
    [InlineData("jobs", 11, 3, 11, 1)]
    public void Parse_RootKeys_RecordKeyAndValuePositions(string key, int keyLine, int keyColumn, int valueLine, int valueColumn)
    {
        Assert.True(Root.TryGetEntry(key, out var entry));

        Assert.Equal(new TomlPosition(keyLine, keyColumn), entry.KeyPosition);
        Assert.Equal(new TomlPosition(valueLine, valueColumn), entry.Value.Position);
    }

    [Fact]
    public void Parse_DottedKey_RecordsEachPartAndImpliedTable()
    {
        var owner = Assert.IsType<TomlTable>(Root["owner"]);
        Assert.True(owner.TryGetEntry("name", out var name));

        Assert.Equal(TomlTableOrigin.DottedKey, owner.Origin);
        Assert.Equal(new TomlPosition(3, 7), name.KeyPosition);
        Assert.Equal(new TomlPosition(3, 16), name.Value.Position);
    }

    [Fact]
    public void Parse_TableBody_RecordsIndentedKeysArraysAndInlineTables()
    {
        var server = Assert.IsType<TomlTable>(Root["server"]);
        Assert.True(server.TryGetEntry("port", out var port));
        var hosts = Assert.IsType<TomlArray>(server["hosts"]);
        var limits = Assert.IsType<TomlTable>(server["limits"]);
        Assert.True(limits.TryGetEntry("memory", out var memory));

        Assert.Equal(TomlTableOrigin.Header, server.Origin);
        Assert.Equal(new TomlPosition(6, 3), port.KeyPosition);
        Assert.Equal(new TomlPosition(6, 10), port.Value.Position);
        Assert.Equal(new TomlPosition(7, 11), hosts.Position);
        Assert.Equal(new TomlPosition(7, 13), hosts[0].Position);
        Assert.Equal(new TomlPosition(8, 13), hosts[1].Position);
        Assert.Equal(TomlTableOrigin.Inline, limits.Origin);
        Assert.Equal(new TomlPosition(9, 12), limits.Position);
        Assert.Equal(new TomlPosition(9, 23), memory.KeyPosition);
        Assert.Equal(new TomlPosition(9, 36), ((TomlTable)memory.Value)["max"]!.Position);
    }

    [Fact]
    public void Parse_ArrayOfTables_RecordsEachElementHeader()
    {
        var jobs = Assert.IsType<TomlArray>(Root["jobs"]);

        Assert.True(jobs.IsArrayOfTables);
        Assert.Equal(new TomlPosition(11, 1), jobs[0].Position);
        Assert.Equal(new TomlPosition(13, 1), jobs[1].Position);
        Assert.Equal(TomlTableOrigin.ArrayElement, ((TomlTable)jobs[0]).Origin);
        Assert.Equal(new TomlPosition(12, 8), ((TomlTable)jobs[0])["name"]!.Position);
    }

    [Fact]
    public void Parse_AfterMultilineString_CountsLinesInsideIt()
    {
        var second = (TomlTable)((TomlArray)Root["jobs"]!)[1];
        Assert.True(second.TryGetEntry("after", out var after));

        Assert.Equal("two\nlines", ((TomlString)second["name"]!).Value);
        Assert.Equal(new TomlPosition(17, 1), after.KeyPosition);
        Assert.Equal(new TomlPosition(17, 9), after.Value.Position);
    }

    [Fact]
    public void Parse_CrlfAndBom_CountColumnsFromTheLineStart()
    {
        var root = TomlParser.Parse("\uFEFFa = 1\r\n  b = 2\r\n");
        Assert.True(root.TryGetEntry("a", out var a));
        Assert.True(root.TryGetEntry("b", out var b));

        Assert.Equal(new TomlPosition(1, 1), a.KeyPosition);
        Assert.Equal(new TomlPosition(2, 3), b.KeyPosition);
        Assert.Equal(new TomlPosition(2, 7), b.Value.Position);
    }

    [Fact]
    public void Parse_TableImpliedThenDeclared_TakesPositionOfItsOwnHeader()
    {
        var root = TomlParser.Parse("[a.b]\nx = 1\n\n[a]\ny = 2\n");
        Assert.True(root.TryGetEntry("a", out var a));
        var table = (TomlTable)a.Value;

        Assert.Equal(TomlTableOrigin.Header, table.Origin);
        Assert.Equal(new TomlPosition(4, 1), table.Position);
        Assert.Equal(new TomlPosition(4, 2), a.KeyPosition);
        Assert.Equal(new TomlPosition(1, 1), table["b"]!.Position);
    }

    [Fact]
    public void Parse_TableOnlyImplied_KeepsImplicitOriginAndKeyPosition()
    {
        var root = TomlParser.Parse("[x.y.z]\n");
        Assert.True(root.TryGetEntry("x", out var x));
        var y = ((TomlTable)x.Value).Entries[0];

        Assert.Equal(TomlTableOrigin.Implicit, ((TomlTable)x.Value).Origin);
        Assert.Equal(new TomlPosition(1, 2), x.KeyPosition);
        Assert.Equal(new TomlPosition(1, 4), y.KeyPosition);
        Assert.Equal(new TomlPosition(1, 1), ((TomlTable)y.Value)["z"]!.Position);
    }

    [Fact]
    public void Parse_Utf8Bytes_ReportsPositionOfInvalidByte()
    {
        byte[] bytes = [(byte)'a', (byte)'=', (byte)'1', (byte)'\n', (byte)'b', (byte)' ', (byte)'=', (byte)' ', (byte)'"', 0xC3, (byte)'"'];

        var error = Assert.Throws<TomlSyntaxException>(() => TomlParser.Parse(bytes));

        Assert.Equal(new TomlPosition(2, 6), error.Position);
        Assert.Contains("UTF-8", error.Reason, StringComparison.Ordinal);
    }
}
