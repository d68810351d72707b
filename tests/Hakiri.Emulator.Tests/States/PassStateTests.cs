using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.States;

public sealed class PassStateTests
{
    [Fact]
    public async Task Pass_NoFields_PassesInputThrough()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","End":true}""", """{"a":1}""");
        Asl.JsonEqual("""{"a":1}""", output);
    }

    [Fact]
    public async Task Pass_ResultWithResultPath_MergesIntoInput()
    {
        // The coordinates example of the Pass state documentation.
        var output = await Asl.OutputOfAsync(
            """{"Type":"Pass","Result":{"x-datum":0.381018,"y-datum":622.2269926397355},"ResultPath":"$.coords","End":true}""",
            """{"georefOf":"Home"}""");
        Asl.JsonEqual("""{"georefOf":"Home","coords":{"x-datum":0.381018,"y-datum":622.2269926397355}}""", output);
    }

    [Fact]
    public async Task Pass_Parameters_BuildsFromPathsAndLiterals()
    {
        var output = await Asl.OutputOfAsync(
            """{"Type":"Pass","Parameters":{"fixed":"v","copied.$":"$.a.b","nested":{"deep.$":"$.list[1]"},"list":[{"x.$":"$.a"}]},"End":true}""",
            """{"a":{"b":2},"list":["zero","one"]}""");
        Asl.JsonEqual("""{"fixed":"v","copied":2,"nested":{"deep":"one"},"list":[{"x":{"b":2}}]}""", output);
    }

    [Fact]
    public async Task Pass_ResultNullValue_PlacesJsonNull()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","Result":null,"ResultPath":"$.r","End":true}""", """{"a":1}""");
        Asl.JsonEqual("""{"a":1,"r":null}""", output);
    }

    [Fact]
    public async Task Pass_ResultPathNull_DiscardsResult()
    {
        var output = await Asl.OutputOfAsync("""{"Type":"Pass","Result":"ignored","ResultPath":null,"End":true}""", """{"a":1}""");
        Asl.JsonEqual("""{"a":1}""", output);
    }
}
