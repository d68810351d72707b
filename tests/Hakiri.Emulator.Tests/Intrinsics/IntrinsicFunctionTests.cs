using System.Text.Json;
using System.Text.Json.Nodes;
using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Intrinsics;

/// <summary>Each intrinsic, mostly with the examples of the Step Functions documentation.</summary>
public sealed class IntrinsicFunctionTests
{
    private static async Task<JsonNode?> EvalAsync(string expression, string input = "{}")
    {
        var state = $$"""{"Type":"Pass","Parameters":{"r.$":{{JsonSerializer.Serialize(expression)}}},"End":true}""";
        var output = await Asl.OutputOfAsync(state, input);
        return output!["r"];
    }

    private static async Task<ExecutionResult> FailAsync(string expression, string input = "{}")
    {
        var state = $$"""{"Type":"Pass","Parameters":{"r.$":{{JsonSerializer.Serialize(expression)}}},"End":true}""";
        var result = await Asl.RunAsync(Asl.Single(state), input);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        return result;
    }

    [Theory]
    [InlineData("States.Format('Hello, my name is {}.', $.name)", "Hello, my name is Arnav.")]
    [InlineData("States.Format($.template, $.name)", "Hello, my name is Arnav.")]
    [InlineData("States.Format('{} {} {} {}', 1.5, true, null, 'x')", "1.5 true null x")]
    [InlineData("States.Format('literal \\{\\} braces, \\'quote\\', back\\\\slash {}', $.name)", "literal {} braces, 'quote', back\\slash Arnav")]
    [InlineData("States.Format('no placeholders')", "no placeholders")]
    [InlineData("States.Format('{}', $$.Execution.Name)", Asl.ExecutionName)]
    public async Task Format_Template_ReplacesPlaceholders(string expression, string expected)
    {
        var result = await EvalAsync(expression, """{"name":"Arnav","template":"Hello, my name is {}."}""");
        Assert.Equal(expected, (string?)result);
    }

    [Theory]
    [InlineData("States.Format('{} {}', 'one')")]
    [InlineData("States.Format('{}', $.obj)")]
    [InlineData("States.Format($.obj)")]
    public async Task Format_Misuse_FailsWithIntrinsicFailure(string expression)
    {
        var result = await FailAsync(expression, """{"obj":{"a":1}}""");
        Assert.Equal(StatesErrors.IntrinsicFailure, result.Error);
    }

    [Fact]
    public async Task StringToJson_EscapedJson_Parses() =>
        Asl.JsonEqual("""{"foo":"bar"}""", await EvalAsync("States.StringToJson($.escapedJsonString)", """{"escapedJsonString":"{\"foo\": \"bar\"}"}"""));

    [Fact]
    public async Task StringToJson_NotJson_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.StringToJson('{nope')")).Error);

    [Fact]
    public async Task JsonToString_Object_CompactText() =>
        Assert.Equal("""{"foo":"bar","n":[1,2]}""", (string?)await EvalAsync("States.JsonToString($.unescapedJson)", """{"unescapedJson":{"foo":"bar","n":[1,2]}}"""));

    [Fact]
    public async Task Array_Arguments_BecomeArray()
    {
        Asl.JsonEqual("[123456]", await EvalAsync("States.Array($.Id)", """{"Id":123456}"""));
        Asl.JsonEqual("""["a",1,true,null,{"k":"v"}]""", await EvalAsync("States.Array('a', 1, true, null, $.o)", """{"o":{"k":"v"}}"""));
        Asl.JsonEqual("[]", await EvalAsync("States.Array()"));
    }

    [Fact]
    public async Task ArrayPartition_ChunkSize_SplitsWithShorterLastChunk() =>
        Asl.JsonEqual("[[1,2,3,4],[5,6,7,8],[9]]", await EvalAsync("States.ArrayPartition($.inputArray,4)", """{"inputArray":[1,2,3,4,5,6,7,8,9]}"""));

    [Fact]
    public async Task ArrayPartition_ZeroChunk_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.ArrayPartition($.a, 0)", """{"a":[1]}""")).Error);

    [Theory]
    [InlineData("5", true)]
    [InlineData("10", false)]
    [InlineData("\"5\"", false)]
    public async Task ArrayContains_Value_SearchesArray(string lookingFor, bool expected) =>
        Assert.Equal(expected, (bool)(await EvalAsync("States.ArrayContains($.inputArray, $.lookingFor)", $$"""{"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":{{lookingFor}}}"""))!);

    [Fact]
    public async Task ArrayContains_Object_ComparesDeeply() =>
        Assert.True((bool)(await EvalAsync("States.ArrayContains($.a, $.o)", """{"a":[{"x":[1,{"y":2}]}],"o":{"x":[1,{"y":2}]}}"""))!);

    [Theory]
    [InlineData("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("States.ArrayRange(5, 1, -2)", "[5,3,1]")]
    [InlineData("States.ArrayRange(0, 0, 1)", "[0]")]
    [InlineData("States.ArrayRange(1, 5, -1)", "[]")]
    [InlineData("States.ArrayRange(1, 3.4, 1)", "[1,2,3]")]
    public async Task ArrayRange_Bounds_InclusiveRange(string expression, string expected) =>
        Asl.JsonEqual(expected, await EvalAsync(expression));

    [Theory]
    [InlineData("States.ArrayRange(1, 9, 0)")]
    [InlineData("States.ArrayRange(0, 1000, 1)")]
    public async Task ArrayRange_BadStepOrTooLong_FailsWithIntrinsicFailure(string expression) =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync(expression)).Error);

    [Fact]
    public async Task ArrayGetItem_Index_ReturnsItem() =>
        Asl.JsonEqual("6", await EvalAsync("States.ArrayGetItem($.inputArray, $.index)", """{"inputArray":[1,2,3,4,5,6,7,8,9],"index":5}"""));

    [Fact]
    public async Task ArrayGetItem_OutOfRange_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.ArrayGetItem($.a, 3)", """{"a":[1,2,3]}""")).Error);

    [Fact]
    public async Task ArrayLength_Array_CountsItems() =>
        Asl.JsonEqual("9", await EvalAsync("States.ArrayLength($.inputArray)", """{"inputArray":[1,2,3,4,5,6,7,8,9]}"""));

    [Fact]
    public async Task ArrayLength_NotArray_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.ArrayLength($.s)", """{"s":"text"}""")).Error);

    [Fact]
    public async Task ArrayUnique_Duplicates_KeepsFirstOccurrences() =>
        Asl.JsonEqual("""[1,2,3,4,{"a":1}]""", await EvalAsync("States.ArrayUnique($.inputArray)", """{"inputArray":[1,2,3,3,3,3,3,3,4,{"a":1},{"a":1}]}"""));

    [Fact]
    public async Task Base64_EncodeAndDecode_RoundTrip()
    {
        Assert.Equal("RGF0YSB0byBlbmNvZGU=", (string?)await EvalAsync("States.Base64Encode($.input)", """{"input":"Data to encode"}"""));
        Assert.Equal("Data to encode", (string?)await EvalAsync("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"));
        Assert.Equal("héllo", (string?)await EvalAsync("States.Base64Decode(States.Base64Encode('héllo'))"));
    }

    [Fact]
    public async Task Base64Decode_NotBase64_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.Base64Decode('not base64!')")).Error);

    [Theory]
    [InlineData("MD5", "812f45842bc6d66ee14572ce20db8e86")]
    [InlineData("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7")]
    [InlineData("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")]
    [InlineData("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")]
    [InlineData("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")]
    public async Task Hash_Algorithm_LowercaseHex(string algorithm, string expected) =>
        Assert.Equal(expected, (string?)await EvalAsync("States.Hash($.Data, $.Algorithm)", $$"""{"Data":"input data","Algorithm":"{{algorithm}}"}"""));

    [Fact]
    public async Task Hash_UnknownAlgorithm_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.Hash('x', 'SHA-3')")).Error);

    [Fact]
    public async Task JsonMerge_Shallow_LaterKeysWin() =>
        Asl.JsonEqual(
            """{"a":{"a3":1,"a4":2},"b":2,"c":3}""",
            await EvalAsync("States.JsonMerge($.json1, $.json2, false)", """{"json1":{"a":{"a1":1,"a2":2},"b":2},"json2":{"a":{"a3":1,"a4":2},"c":3}}"""));

    [Fact]
    public async Task JsonMerge_DeepRequested_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.JsonMerge($.a, $.a, true)", """{"a":{}}""")).Error);

    [Fact]
    public async Task MathRandom_Range_StartInclusiveEndExclusive()
    {
        for (var i = 0; i < 20; i++)
        {
            var value = (int)(await EvalAsync($"States.MathRandom(1, 3, {i})"))!;
            Assert.InRange(value, 1, 2);
        }
    }

    [Fact]
    public async Task MathRandom_SameSeed_SameNumber() =>
        Assert.Equal((int)(await EvalAsync("States.MathRandom(1, 999, 17)"))!, (int)(await EvalAsync("States.MathRandom($.start, $.end, 17)", """{"start":1,"end":999}"""))!);

    [Fact]
    public async Task MathRandom_StartNotBelowEnd_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.MathRandom(5, 5)")).Error);

    [Theory]
    [InlineData("States.MathAdd($.value1, $.step)", "110")]
    [InlineData("States.MathAdd(1.5, 1)", "3")]
    [InlineData("States.MathAdd(-2147483648, 2147483647)", "-1")]
    public async Task MathAdd_Integers_Sum(string expression, string expected) =>
        Asl.JsonEqual(expected, await EvalAsync(expression, """{"value1":111,"step":-1}"""));

    [Fact]
    public async Task MathAdd_OutOfIntRange_FailsWithIntrinsicFailure() =>
        Assert.Equal(StatesErrors.IntrinsicFailure, (await FailAsync("States.MathAdd(2147483648, 1)")).Error);

    [Theory]
    [InlineData("1,2,3,4,5", ",", """["1","2","3","4","5"]""")]
    [InlineData("This.is+a,test=string", ".+,=", """["This","is","a","test","string"]""")]
    [InlineData("a,,b", ",", """["a","b"]""")]
    public async Task StringSplit_Delimiters_SplitOnAnyCharacter(string text, string splitter, string expected) =>
        Asl.JsonEqual(expected, await EvalAsync("States.StringSplit($.inputString, $.splitter)", JsonSerializer.Serialize(new { inputString = text, splitter })));

    [Fact]
    public async Task Uuid_NoArguments_Version4AndRepeatableWithSeed()
    {
        var first = (string?)await EvalAsync("States.UUID()");
        var again = (string?)await EvalAsync("States.UUID()");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Nested_SplitAndGetItem_ComposeInsideFormat()
    {
        const string expression = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), States.ArrayLength(States.Array(1, 2)))";
        var result = await EvalAsync(expression, """{"ImageRecipe":{"Arn":"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/3.7.1"}}""");
        Assert.Equal("3.7.2", (string?)result);
    }

    [Fact]
    public async Task PathArgument_BracketNotation_ReadsNamesWithSpaces() =>
        Asl.JsonEqual("2", await EvalAsync("States.ArrayLength($.abc.['def ghi'])", """{"abc":{"def ghi":[1,2]}}"""));

    [Fact]
    public async Task PathArgument_Missing_FailsWithRuntime() =>
        Assert.Equal(StatesErrors.Runtime, (await FailAsync("States.ArrayLength($.missing)")).Error);

    [Theory]
    [InlineData("States.Nope(1)", "not an intrinsic function")]
    [InlineData("States.ArrayLength()", "takes 1 argument")]
    [InlineData("States.Format('bad \\n escape')", "open escape")]
    [InlineData("States.Format('unclosed)", "not closed")]
    [InlineData("States.Array(1 2)", "expected ','")]
    public void Parse_InvalidCall_IsDefinitionError(string expression, string message)
    {
        var definition = Asl.Single($$"""{"Type":"Pass","Parameters":{"r.$":{{JsonSerializer.Serialize(expression)}}},"End":true}""");
        var error = Assert.Throws<AslDefinitionException>(() => StateMachineDefinition.Parse(definition));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("S", error.StateName);
    }
}
