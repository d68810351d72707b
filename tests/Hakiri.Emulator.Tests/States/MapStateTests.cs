using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.History;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.States;

public sealed class MapStateTests
{
    private static string MapOf(string fields, string processor = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"item","End":true}}}""") =>
        $$$$"""{"StartAt":"M","States":{"M":{"Type":"Map","End":true,{{{{fields}}}}"ItemProcessor":{{{{processor}}}}}}}""";

    [Fact]
    public async Task Map_MaxConcurrencyOne_RunsItemsOneAtATimeInOrder()
    {
        var tasks = new GatedTasks(p => p!.ToJsonString());
        var run = Asl.RunAsync(MapOf("""
            "ItemsPath":"$.items","MaxConcurrency":1,
            """), """{"items":[1,2,3]}""", tasks);
        foreach (var item in new[] { "1", "2", "3" })
        {
            await tasks.WhenStartedAsync(int.Parse(item, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(item, tasks.StartOrder[^1]);
            tasks.Release(item, JsonValue.Create($"r{item}"));
        }

        var result = await run;
        Asl.JsonEqual("""["r1","r2","r3"]""", result.Output);
        Assert.Equal(1, tasks.MaxRunning);
        var iterations = result.History.Where(e => e.Type is HistoryEventType.MapIterationStarted or HistoryEventType.MapIterationSucceeded).Select(e => (e.Type, e.Index));
        Assert.Equal(
            [(HistoryEventType.MapIterationStarted, 0), (HistoryEventType.MapIterationSucceeded, 0), (HistoryEventType.MapIterationStarted, 1),
             (HistoryEventType.MapIterationSucceeded, 1), (HistoryEventType.MapIterationStarted, 2), (HistoryEventType.MapIterationSucceeded, 2)],
            iterations.Select(i => (i.Type, i.Index ?? -1)));
    }

    [Fact]
    public async Task Map_MaxConcurrencyTwo_FinishingOutOfOrderKeepsItemOrder()
    {
        var tasks = new GatedTasks(p => p!.ToJsonString());
        var run = Asl.RunAsync(MapOf("\"MaxConcurrency\":2,"), "[0,1,2,3]", tasks);
        await tasks.WhenStartedAsync(2);
        Assert.Equal(["0", "1"], tasks.StartOrder);
        tasks.Release("1", JsonValue.Create("one"));
        await tasks.WhenStartedAsync(3);
        tasks.Release("2", JsonValue.Create("two"));
        await tasks.WhenStartedAsync(4);
        tasks.Release("3", JsonValue.Create("three"));
        tasks.Release("0", JsonValue.Create("zero"));
        var result = await run;
        Asl.JsonEqual("""["zero","one","two","three"]""", result.Output);
        Assert.Equal(2, tasks.MaxRunning);
    }

    [Fact]
    public async Task Map_MaxConcurrencyZero_StartsEveryItemAtOnce()
    {
        var tasks = new GatedTasks(p => p!.ToJsonString());
        var run = Asl.RunAsync(MapOf("\"MaxConcurrency\":0,"), "[\"a\",\"b\",\"c\",\"d\",\"e\"]", tasks);
        await tasks.WhenStartedAsync(5);
        foreach (var key in tasks.StartOrder.Reverse())
        {
            tasks.Release(key, JsonNode.Parse(key));
        }

        var result = await run;
        Asl.JsonEqual("""["a","b","c","d","e"]""", result.Output);
        Assert.Equal(5, tasks.MaxRunning);
    }

    [Fact]
    public async Task Map_ItemSelector_ReadsContextItemAndInput()
    {
        var definition = MapOf(
            """ "ItemsPath":"$.tables","ItemSelector":{"run.$":"$.run","index.$":"$$.Map.Item.Index","table.$":"$$.Map.Item.Value.name"},""",
            """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var result = await Asl.RunAsync(definition, """{"run":"r1","tables":[{"name":"orders"},{"name":"users"}]}""");
        Asl.JsonEqual("""[{"run":"r1","index":0,"table":"orders"},{"run":"r1","index":1,"table":"users"}]""", result.Output);
    }

    [Fact]
    public async Task Map_LegacyIteratorAndParameters_BehaveLikeItemProcessorAndItemSelector()
    {
        var definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemsPath":"$.xs","Parameters":{"x.$":"$$.Map.Item.Value"},
              "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"double.$":"States.MathAdd($.x, $.x)"},"End":true}}}}}}
            """;
        var result = await Asl.RunAsync(definition, """{"xs":[1,2]}""");
        Asl.JsonEqual("""[{"double":2},{"double":4}]""", result.Output);
    }

    [Fact]
    public async Task Map_EmptyArray_OutputsEmptyArray()
    {
        var result = await Asl.RunAsync(MapOf(""), "[]");
        Asl.JsonEqual("[]", result.Output);
        Assert.Contains(result.History, e => e.Type == HistoryEventType.MapStateStarted && e.Length == 0);
    }

    [Fact]
    public async Task Map_ItemsPathNotArray_FailsWithRuntime()
    {
        var result = await Asl.RunAsync(MapOf("\"ItemsPath\":\"$.items\","), """{"items":{"not":"array"}}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task Map_ResultSelectorAndResultPath_ProcessTheArray()
    {
        var definition = MapOf(""" "ItemsPath":"$.xs","ResultSelector":{"n.$":"States.ArrayLength($)"},"ResultPath":"$.summary",""", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var result = await Asl.RunAsync(definition, """{"xs":[1,2,3]}""");
        Asl.JsonEqual("""{"xs":[1,2,3],"summary":{"n":3}}""", result.Output);
    }

    [Fact]
    public async Task Map_IterationFails_MapFailsWithItsErrorAndCatchHandlesIt()
    {
        var definition = """
            {"StartAt":"M","States":{
              "M":{"Type":"Map","Next":"Done","MaxConcurrency":1,"Catch":[{"ErrorEquals":["Item.Bad"],"Next":"Handled"}],
                "ItemProcessor":{"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad"}],"Default":"Good"},
                  "Bad":{"Type":"Fail","Error":"Item.Bad","Cause":"two is bad"},
                  "Good":{"Type":"Pass","End":true}}}},
              "Done":{"Type":"Succeed"},
              "Handled":{"Type":"Pass","End":true}}}
            """;
        var result = await Asl.RunAsync(definition, "[1,2,3]");
        Asl.JsonEqual("""{"Error":"Item.Bad","Cause":"two is bad"}""", result.Output);
        var types = result.History.Select(e => e.Type).ToList();
        Assert.Contains(HistoryEventType.MapIterationFailed, types);
        Assert.Contains(HistoryEventType.MapStateFailed, types);
        Assert.DoesNotContain(result.History, e => e.Type == HistoryEventType.MapIterationStarted && e.Index == 2);
    }

    [Fact]
    public async Task Map_NestedMap_ProcessesEveryInnerItem()
    {
        var definition = """
            {"StartAt":"Outer","States":{"Outer":{"Type":"Map","End":true,"ItemsPath":"$.rows",
              "ItemSelector":{"row.$":"$$.Map.Item.Index","cells.$":"$$.Map.Item.Value"},
              "ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Map","End":true,"ItemsPath":"$.cells",
                "ItemSelector":{"row.$":"$.row","col.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
                "ItemProcessor":{"StartAt":"Cell","States":{"Cell":{"Type":"Pass","Parameters":{"at.$":"States.Format('{}:{}={}', $.row, $.col, $.v)"},"OutputPath":"$.at","End":true}}}}}}}}}
            """;
        var result = await Asl.RunAsync(definition, """{"rows":[["a","b"],["c"]]}""");
        Asl.JsonEqual("""[["0:0=a","0:1=b"],["1:0=c"]]""", result.Output);
    }

    [Fact]
    public async Task Map_MaxConcurrencyPath_ReadsLimit()
    {
        var tasks = new GatedTasks(p => p!.ToJsonString());
        var run = Asl.RunAsync(MapOf(""" "ItemsPath":"$.xs","MaxConcurrencyPath":"$.limit","""), """{"xs":[1,2,3],"limit":2}""", tasks);
        await tasks.WhenStartedAsync(2);
        tasks.Release("1", null);
        await tasks.WhenStartedAsync(3);
        tasks.Release("2", null);
        tasks.Release("3", null);
        var result = await run;
        Asl.JsonEqual("[null,null,null]", result.Output);
        Assert.Equal(2, tasks.MaxRunning);
    }
}
