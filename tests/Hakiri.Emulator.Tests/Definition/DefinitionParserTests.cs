using Hakiri.Emulator.Definition;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.Definition;

public sealed class DefinitionParserTests
{
    private static AslDefinitionException Invalid(string definition) =>
        Assert.Throws<AslDefinitionException>(() => StateMachineDefinition.Parse(definition));

    [Fact]
    public void Parse_ValidDefinition_ExposesTheModel()
    {
        var definition = StateMachineDefinition.Parse("""
            {"Comment":"c","TimeoutSeconds":60,"StartAt":"A","States":{
              "A":{"Type":"Pass","Comment":"first","Next":"B"},
              "B":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"C"}],"Default":"D"},
              "C":{"Type":"Succeed"},
              "D":{"Type":"Fail","Error":"E"}}}
            """);
        Assert.Equal(("A", "c", 60), (definition.StartAt, definition.Comment, definition.TimeoutSeconds));
        Assert.Equal(["A", "B", "C", "D"], definition.States.Keys);
        Assert.Equal((StateType.Pass, "B", false, "first"), (definition.States["A"].Type, definition.States["A"].Next, definition.States["A"].IsEnd, definition.States["A"].Comment));
        Assert.True(definition.States["D"].IsEnd);
        Assert.Null(definition.States["B"].Next);
    }

    [Theory]
    [InlineData("""{"States":{"A":{"Type":"Succeed"}}}""", "'StartAt' is required")]
    [InlineData("""{"StartAt":"Nope","States":{"A":{"Type":"Succeed"}}}""", "StartAt names 'Nope'")]
    [InlineData("""{"StartAt":"A","States":{}}""", "at least one state")]
    [InlineData("""{"StartAt":"A"}""", "'States' is required")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"StartAt":"A",""", "not valid JSON")]
    [InlineData("""{"StartAt":"A","StartAt":"A","States":{"A":{"Type":"Succeed"}}}""", "The key 'StartAt' appears twice")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Succeed"}},"Extra":1}""", "'Extra' is not supported")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}""", "JSONata")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}""", "No state ends")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Succeed"},"Orphan":{"Type":"Succeed"}}}""", "cannot be reached from 'A': Orphan")]
    public void Parse_StructuralProblem_Explains(string json, string message) =>
        Assert.Contains(message, Invalid(json).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"Type":"Pass","Next":"Missing"}""", "moves to 'Missing'")]
    [InlineData("""{"Type":"Pass"}""", "either 'Next' or \"End\": true")]
    [InlineData("""{"Type":"Pass","End":true,"Next":"S"}""", "both 'Next' and \"End\": true")]
    [InlineData("""{"Type":"Pass","End":true,"Resource":"x"}""", "'Resource' is not supported in a Pass state")]
    [InlineData("""{"Type":"Sleep","End":true}""", "'Sleep' is not a state type")]
    [InlineData("""{"End":true}""", "'Type' is required")]
    [InlineData("""{"Type":"Task","End":true}""", "'Resource' is required")]
    [InlineData("""{"Type":"Task","Resource":"r","TimeoutSeconds":10,"HeartbeatSeconds":10,"End":true}""", "must be smaller than TimeoutSeconds")]
    [InlineData("""{"Type":"Task","Resource":"r","TimeoutSeconds":0,"End":true}""", "'TimeoutSeconds' must be an integer from 1")]
    [InlineData("""{"Type":"Task","Resource":"r","TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","End":true}""", "cannot both be set")]
    [InlineData("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["States.ALL","E"]}],"End":true}""", "States.ALL must appear alone")]
    [InlineData("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["E"]}],"End":true}""", "only in the last retrier")]
    [InlineData("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":[]}],"End":true}""", "'ErrorEquals' must not be empty")]
    [InlineData("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["E"],"BackoffRate":0.5}],"End":true}""", "'BackoffRate' must be a number of at least 1")]
    [InlineData("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["E"],"JitterStrategy":"HALF"}],"End":true}""", "FULL or NONE")]
    [InlineData("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["E"],"IntervalSeconds":0}],"End":true}""", "'IntervalSeconds' must be an integer from 1")]
    [InlineData("""{"Type":"Task","Resource":"r","Catch":[{"ErrorEquals":["E"]}],"End":true}""", "'Next' is required")]
    [InlineData("""{"Type":"Task","Resource":"r","ResultPath":"$.a[*]","End":true}""", "Reference Path")]
    [InlineData("""{"Type":"Task","Resource":"r","InputPath":"a.b","End":true}""", "must begin with '$'")]
    [InlineData("""{"Type":"Task","Resource":"r","InputPath":"$$.Execution","End":true}""", "cannot read the context object")]
    [InlineData("""{"Type":"Pass","Parameters":{"x.$":"not a path"},"End":true}""", "must be a path or an intrinsic function")]
    [InlineData("""{"Type":"Pass","Parameters":{"x.$":"$.a","x":1},"End":true}""", "given twice")]
    [InlineData("""{"Type":"Pass","Parameters":{"x.$":"$.a[?(@.b)]"},"End":true}""", "filter and script expressions")]
    [InlineData("""{"Type":"Choice","Choices":[]}""", "'Choices' must not be empty")]
    [InlineData("""{"Type":"Choice","Choices":[{"Variable":"$.a","StringEquals":1,"Next":"S"}]}""", "StringEquals must be a string")]
    [InlineData("""{"Type":"Choice","Choices":[{"Variable":"$.a","TimestampEquals":"yesterday","Next":"S"}]}""", "RFC 3339")]
    [InlineData("""{"Type":"Choice","Choices":[{"Variable":"$.a","StringEquals":"x","NumericEquals":1,"Next":"S"}]}""", "exactly one operator")]
    [InlineData("""{"Type":"Choice","Choices":[{"Variable":"$.a","Next":"S"}]}""", "needs one comparison operator")]
    [InlineData("""{"Type":"Choice","Choices":[{"Not":{"Variable":"$.a","IsNull":true,"Next":"S"},"Next":"S"}]}""", "only allowed in a top-level Choice rule")]
    [InlineData("""{"Type":"Choice","Choices":[{"StringEquals":"x","Next":"S"}]}""", "needs a 'Variable'")]
    [InlineData("""{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true}]}""", "'Next' is required")]
    [InlineData("""{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"S"}],"End":true}""", "no Next or End")]
    [InlineData("""{"Type":"Wait","Seconds":1,"Timestamp":"2024-01-01T00:00:00Z","End":true}""", "exactly one of Seconds")]
    [InlineData("""{"Type":"Wait","End":true}""", "exactly one of Seconds")]
    [InlineData("""{"Type":"Wait","Seconds":-1,"End":true}""", "'Seconds' must be an integer from 0")]
    [InlineData("""{"Type":"Fail","Error":"E","ErrorPath":"$.e"}""", "cannot both be set")]
    [InlineData("""{"Type":"Fail","Error":"E","End":true}""", "'End' is not supported in a Fail state")]
    [InlineData("""{"Type":"Succeed","Next":"S"}""", "'Next' is not supported in a Succeed state")]
    [InlineData("""{"Type":"Parallel","Branches":[],"End":true}""", "'Branches' must not be empty")]
    [InlineData("""{"Type":"Map","End":true}""", "'ItemProcessor' is required")]
    [InlineData("""{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"P","States":{"P":{"Type":"Succeed"}}}}""", "only INLINE")]
    [InlineData("""{"Type":"Map","End":true,"ItemReader":{},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}}""", "'ItemReader' is not supported by the emulator")]
    [InlineData("""{"Type":"Map","End":true,"MaxConcurrency":-1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Succeed"}}}}""", "'MaxConcurrency' must be an integer from 0")]
    [InlineData("""{"Type":"Pass","End":true,"Assign":{"x":1}}""", "'Assign' is not supported by the emulator")]
    public void Parse_InvalidState_NamesStateAndProblem(string state, string message)
    {
        var error = Invalid(Asl.Single(state));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("S", error.StateName);
        Assert.StartsWith("States.S", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedBranchProblem_LocatesIt()
    {
        var error = Invalid("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Outside"}}}]},"Outside":{"Type":"Succeed"}}}
            """);
        Assert.Equal("A", error.StateName);
        Assert.Equal("States.P.Branches[0].States.A", error.Location);
        Assert.Contains("cannot cross into or out of Parallel branches", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RetrierProblem_LocatesTheField()
    {
        var error = Invalid(Asl.Single("""{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["E"]},{"ErrorEquals":["F"],"MaxAttempts":-2}],"End":true}"""));
        Assert.Equal("States.S.Retry[1].MaxAttempts", error.Location);
        Assert.StartsWith("State 'S' (States.S.Retry[1].MaxAttempts): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StateNameTooLong_IsRejected()
    {
        var name = new string('x', 81);
        var json = "{\"StartAt\":\"" + name + "\",\"States\":{\"" + name + "\":{\"Type\":\"Succeed\"}}}";
        Assert.Contains("1 to 80 characters", Invalid(json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmittedQuickstartDefinition_IsValid()
    {
        var path = Hakiri.Testing.RepoPaths.Of("tests", "Hakiri.Emit.Tests", "Golden", "quickstart.asl.json");
        var definition = StateMachineDefinition.Parse(File.ReadAllText(path));
        Assert.Contains(definition.States.Values, s => s.Type == StateType.Map);
    }
}
