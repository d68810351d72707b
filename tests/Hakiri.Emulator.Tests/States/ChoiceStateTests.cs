using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.States;

public sealed class ChoiceStateTests
{
    /// <summary>A machine whose output says whether the rule matched ("yes") or the Default ran ("no").</summary>
    private static string Machine(string rule) => $$$$"""
        {"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[{{{{rule}}}}],"Default":"No"},
          "Yes":{"Type":"Pass","Result":"yes","End":true},
          "No":{"Type":"Pass","Result":"no","End":true}}}
        """;

    private static async Task<string?> DecideAsync(string rule, string input)
    {
        // Rules are written open-ended: the helper closes them with the Next field.
        var result = await Asl.RunAsync(Machine(rule.TrimEnd() + ""","Next":"Yes"}"""), input);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        return (string?)result.Output;
    }

    [Theory]
    [InlineData("\"a\"", "StringEquals", "\"a\"", "yes")]
    [InlineData("\"a\"", "StringEquals", "\"b\"", "no")]
    [InlineData("1", "StringEquals", "\"1\"", "no")]
    [InlineData("\"a\"", "StringLessThan", "\"b\"", "yes")]
    [InlineData("\"B\"", "StringLessThan", "\"a\"", "yes")]
    [InlineData("\"b\"", "StringGreaterThan", "\"a\"", "yes")]
    [InlineData("\"a\"", "StringLessThanEquals", "\"a\"", "yes")]
    [InlineData("\"a\"", "StringGreaterThanEquals", "\"b\"", "no")]
    [InlineData("1", "NumericEquals", "1.0", "yes")]
    [InlineData("\"1\"", "NumericEquals", "1", "no")]
    [InlineData("2.5", "NumericLessThan", "3", "yes")]
    [InlineData("3", "NumericGreaterThan", "3", "no")]
    [InlineData("3", "NumericLessThanEquals", "3", "yes")]
    [InlineData("-1", "NumericGreaterThanEquals", "0", "no")]
    [InlineData("true", "BooleanEquals", "true", "yes")]
    [InlineData("\"true\"", "BooleanEquals", "true", "no")]
    [InlineData("\"2024-01-01T01:00:00+01:00\"", "TimestampEquals", "\"2024-01-01T00:00:00Z\"", "yes")]
    [InlineData("\"2024-01-01T00:00:00Z\"", "TimestampLessThan", "\"2024-01-01T00:00:00.5Z\"", "yes")]
    [InlineData("\"2024-02-01T00:00:00Z\"", "TimestampGreaterThan", "\"2024-01-31T23:59:59Z\"", "yes")]
    [InlineData("\"2024-01-01T00:00:00Z\"", "TimestampLessThanEquals", "\"2024-01-01T00:00:00Z\"", "yes")]
    [InlineData("\"2023-12-31T00:00:00Z\"", "TimestampGreaterThanEquals", "\"2024-01-01T00:00:00Z\"", "no")]
    [InlineData("\"not a time\"", "TimestampEquals", "\"2024-01-01T00:00:00Z\"", "no")]
    [InlineData("\"2024-01-01t00:00:00z\"", "TimestampEquals", "\"2024-01-01T00:00:00Z\"", "no")]
    [InlineData("\"log-2024.txt\"", "StringMatches", "\"log-*.txt\"", "yes")]
    [InlineData("\"log-2024.csv\"", "StringMatches", "\"log-*.txt\"", "no")]
    [InlineData("\"a*c\"", "StringMatches", "\"a\\\\*c\"", "yes")]
    [InlineData("\"abc\"", "StringMatches", "\"a\\\\*c\"", "no")]
    [InlineData("\"anything\"", "StringMatches", "\"*\"", "yes")]
    [InlineData("\"abab\"", "StringMatches", "\"*ab*b\"", "yes")]
    [InlineData("5", "StringMatches", "\"*\"", "no")]
    public async Task Choice_ComparisonOperator_MatchesPerSpecification(string value, string op, string operand, string expected)
    {
        var decided = await DecideAsync($$"""{"Variable":"$.v","{{op}}":{{operand}}""", $$"""{"v":{{value}}}""");
        Assert.Equal(expected, decided);
    }

    [Theory]
    [InlineData("null", "IsNull", "true", "yes")]
    [InlineData("0", "IsNull", "true", "no")]
    [InlineData("0", "IsNumeric", "true", "yes")]
    [InlineData("\"0\"", "IsNumeric", "false", "yes")]
    [InlineData("\"s\"", "IsString", "true", "yes")]
    [InlineData("false", "IsBoolean", "true", "yes")]
    [InlineData("\"2024-01-01T00:00:00Z\"", "IsTimestamp", "true", "yes")]
    [InlineData("\"2024-01-01\"", "IsTimestamp", "true", "no")]
    [InlineData("{}", "IsPresent", "true", "yes")]
    public async Task Choice_TypeTest_MatchesPerSpecification(string value, string op, string flag, string expected)
    {
        Assert.Equal(expected, await DecideAsync($$"""{"Variable":"$.v","{{op}}":{{flag}}""", $$"""{"v":{{value}}}"""));
    }

    [Theory]
    [InlineData("true", "no")]
    [InlineData("false", "yes")]
    public async Task Choice_IsPresentOnMissingPath_IsNotAnError(string flag, string expected)
    {
        Assert.Equal(expected, await DecideAsync($$"""{"Variable":"$.missing.deeper","IsPresent":{{flag}}""", """{"v":1}"""));
    }

    [Theory]
    [InlineData("StringEqualsPath", "\"x\"", "\"x\"", "yes")]
    [InlineData("NumericLessThanPath", "1", "2", "yes")]
    [InlineData("NumericGreaterThanEqualsPath", "1", "2", "no")]
    [InlineData("BooleanEqualsPath", "true", "true", "yes")]
    [InlineData("TimestampLessThanPath", "\"2024-01-01T00:00:00Z\"", "\"2024-06-01T00:00:00Z\"", "yes")]
    [InlineData("StringLessThanEqualsPath", "\"b\"", "\"a\"", "no")]
    public async Task Choice_PathOperator_ComparesTwoFields(string op, string left, string right, string expected)
    {
        var decided = await DecideAsync($$"""{"Variable":"$.left","{{op}}":"$.right" """, $$"""{"left":{{left}},"right":{{right}}}""");
        Assert.Equal(expected, decided);
    }

    [Fact]
    public async Task Choice_AndOrNot_CombineNestedRules()
    {
        var rule = """
            {"And":[
              {"Variable":"$.value","NumericGreaterThanEquals":20},
              {"Variable":"$.value","NumericLessThan":30},
              {"Not":{"Variable":"$.type","StringEquals":"Private"}},
              {"Or":[{"Variable":"$.tag","IsPresent":false},{"Variable":"$.tag","StringEquals":"x"}]}]
            """;
        Assert.Equal("yes", await DecideAsync(rule, """{"value":22,"type":"Public"}"""));
        Assert.Equal("no", await DecideAsync(rule, """{"value":22,"type":"Private"}"""));
        Assert.Equal("no", await DecideAsync(rule, """{"value":30,"type":"Public"}"""));
        Assert.Equal("no", await DecideAsync(rule, """{"value":22,"type":"Public","tag":"y"}"""));
    }

    [Fact]
    public async Task Choice_SeveralRulesMatch_FirstInOrderWins()
    {
        var definition = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[
                {"Variable":"$.n","NumericGreaterThan":0,"Next":"First"},
                {"Variable":"$.n","NumericGreaterThan":1,"Next":"Second"}]},
              "First":{"Type":"Pass","Result":"first","End":true},
              "Second":{"Type":"Pass","Result":"second","End":true}}}
            """;
        var result = await Asl.RunAsync(definition, """{"n":5}""");
        Assert.Equal("first", (string?)result.Output);
    }

    [Fact]
    public async Task Choice_NoMatchAndNoDefault_FailsWithNoChoiceMatched()
    {
        var definition = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"Done"}]},
              "Done":{"Type":"Succeed"}}}
            """;
        var result = await Asl.RunAsync(definition, """{"n":2}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrors.NoChoiceMatched, result.Error);
    }

    [Fact]
    public async Task Choice_VariableMissing_FailsWithRuntime()
    {
        var result = await Asl.RunAsync(Machine("""{"Variable":"$.type","StringEquals":"x","Next":"Yes"}"""), """{"value":1}""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(StatesErrors.Runtime, result.Error);
        Assert.Contains("$.type", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choice_InputPathAndOutputPath_RulesSeeEffectiveInputAndOutputIsFiltered()
    {
        var definition = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","InputPath":"$.inner","OutputPath":"$.keep","Choices":[{"Variable":"$.flag","BooleanEquals":true,"Next":"Done"}]},
              "Done":{"Type":"Succeed"}}}
            """;
        var result = await Asl.RunAsync(definition, """{"inner":{"flag":true,"keep":{"k":1}}}""");
        Asl.JsonEqual("""{"k":1}""", result.Output);
    }

    [Fact]
    public async Task Choice_VariableReadsContextObject_Matches()
    {
        Assert.Equal("yes", await DecideAsync("""{"Variable":"$$.State.Name","StringEquals":"C" """, "{}"));
    }
}
