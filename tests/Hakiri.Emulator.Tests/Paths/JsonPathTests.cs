using System.Text.Json.Nodes;
using Hakiri.Emulator.Paths;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Paths;

public sealed class JsonPathTests
{
    private const string Document = """
        {"foo":123,"bar":["a","b","c"],"car":{"cdr":true},"my key":{"x":1},"it's":2,
         "items":[{"id":1,"tags":["t1"]},{"id":2,"tags":["t2","t3"]},{"id":3}]}
        """;

    private static JsonNode? Evaluate(string path)
    {
        Assert.True(JsonPath.TryParse(path, out var parsed, out var error), error);
        Assert.True(PathEvaluator.TryEvaluate(JsonNode.Parse(Document), parsed, out var value), $"{path} selected nothing");
        return value;
    }

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.foo", "123")]
    [InlineData("$.bar", """["a","b","c"]""")]
    [InlineData("$.car.cdr", "true")]
    [InlineData("$['car']['cdr']", "true")]
    [InlineData("$[\"car\"].cdr", "true")]
    [InlineData("$['my key'].x", "1")]
    [InlineData("$.['my key'].x", "1")]
    [InlineData("$['it\\'s']", "2")]
    [InlineData("$.bar[0]", "\"a\"")]
    [InlineData("$.bar[-1]", "\"c\"")]
    [InlineData("$.items[1].tags[1]", "\"t3\"")]
    public void Evaluate_ReferencePath_SelectsOneNode(string path, string? expected)
    {
        var value = Evaluate(path);
        Asl.JsonEqual(expected ?? Document, value);
    }

    [Theory]
    [InlineData("$.bar[*]", """["a","b","c"]""")]
    [InlineData("$.bar.*", """["a","b","c"]""")]
    [InlineData("$.bar[0:2]", """["a","b"]""")]
    [InlineData("$.bar[1:]", """["b","c"]""")]
    [InlineData("$.bar[:-1]", """["a","b"]""")]
    [InlineData("$.bar[::2]", """["a","c"]""")]
    [InlineData("$.bar[::-1]", """["c","b","a"]""")]
    [InlineData("$.bar[0,2]", """["a","c"]""")]
    [InlineData("$['foo','car']", """[123,{"cdr":true}]""")]
    [InlineData("$.items[*].id", "[1,2,3]")]
    [InlineData("$..id", "[1,2,3]")]
    [InlineData("$.items..tags[0]", """["t1","t2"]""")]
    [InlineData("$.missing[*]", "[]")]
    public void Evaluate_IndefinitePath_SelectsArrayOfMatches(string path, string expected) =>
        Asl.JsonEqual(expected, Evaluate(path));

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.bar[3]")]
    [InlineData("$.foo.bar")]
    [InlineData("$.bar.length")]
    public void Evaluate_DefinitePathToNothing_IsNotFound(string path)
    {
        Assert.True(JsonPath.TryParse(path, out var parsed, out _));
        Assert.False(PathEvaluator.TryEvaluate(JsonNode.Parse(Document), parsed, out _));
    }

    [Theory]
    [InlineData("$$.Execution.Id", true, true)]
    [InlineData("$.a[0].b", false, true)]
    [InlineData("$.a[*]", false, false)]
    [InlineData("$..a", false, false)]
    public void Parse_Kinds_AreClassified(string path, bool isContext, bool isDefinite)
    {
        Assert.True(JsonPath.TryParse(path, out var parsed, out _));
        Assert.Equal((isContext, isDefinite), (parsed.IsContext, parsed.IsDefinite));
    }

    [Theory]
    [InlineData("foo", "must begin with '$'")]
    [InlineData("$.", "field name is missing")]
    [InlineData("$.a[", "not closed")]
    [InlineData("$.a[x]", "is not an index")]
    [InlineData("$.a['x'", "expected ']'")]
    [InlineData("$.a[?(@.b > 1)]", "not supported")]
    [InlineData("$.a[::0]", "step cannot be 0")]
    [InlineData("$x", "unexpected 'x'")]
    public void Parse_Invalid_Explains(string path, string message)
    {
        Assert.False(JsonPath.TryParse(path, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.a.b", """{"a":{"x":1}}""", """{"a":{"x":1,"b":"R"}}""")]
    [InlineData("$.new.deep", """{}""", """{"new":{"deep":"R"}}""")]
    [InlineData("$.list[0]", """{"list":[1,2]}""", """{"list":["R",2]}""")]
    [InlineData("$['odd key']", """{}""", """{"odd key":"R"}""")]
    public void ResultPath_Apply_PlacesResult(string path, string input, string expected)
    {
        Assert.True(JsonPath.TryParse(path, out var parsed, out _));
        Asl.JsonEqual(expected, ResultPathWriter.Apply(JsonNode.Parse(input), parsed, JsonValue.Create("R")));
    }

    [Theory]
    [InlineData("$.a", "[1]")]
    [InlineData("$.a.b", """{"a":"text"}""")]
    [InlineData("$.list[5]", """{"list":[1]}""")]
    [InlineData("$[0]", """{"a":1}""")]
    public void ResultPath_Apply_MismatchThrows(string path, string input)
    {
        Assert.True(JsonPath.TryParse(path, out var parsed, out _));
        var failure = Assert.Throws<Errors.StateFailure>(() => ResultPathWriter.Apply(JsonNode.Parse(input), parsed, JsonValue.Create(1)));
        Assert.Equal(Errors.StatesErrors.ResultPathMatchFailure, failure.Error);
    }

    [Fact]
    public void ResultPath_Apply_LeavesTheInputUntouched()
    {
        var input = JsonNode.Parse("""{"a":{"b":1}}""");
        Assert.True(JsonPath.TryParse("$.a.c", out var parsed, out _));
        ResultPathWriter.Apply(input, parsed, JsonValue.Create(2));
        Asl.JsonEqual("""{"a":{"b":1}}""", input);
    }
}
