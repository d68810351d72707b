using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.States;

public sealed class TerminalStateTests
{
    [Fact]
    public async Task Succeed_WithPaths_OutputIsFiltered()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}"""), """{"a":{"b":[1]}}""");
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Asl.JsonEqual("[1]", result.Output);
    }

    [Fact]
    public async Task Fail_ErrorAndCause_FailExecution()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Fail","Error":"Custom.Error","Cause":"It broke."}"""), "{}");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("Custom.Error", result.Error);
        Assert.Equal("It broke.", result.Cause);
    }

    [Fact]
    public async Task Fail_ErrorPathAndIntrinsicCausePath_ReadInput()
    {
        var state = """{"Type":"Fail","ErrorPath":"$.error.Error","CausePath":"States.Format('write failed for table {}: {}', $.table, $.error.Cause)"}""";
        var result = await Asl.RunAsync(Asl.Single(state), """{"table":"orders","error":{"Error":"Hakiri.Permanent","Cause":"disk full"}}""");
        Assert.Equal("Hakiri.Permanent", result.Error);
        Assert.Equal("write failed for table orders: disk full", result.Cause);
    }

    [Fact]
    public async Task Fail_ErrorPathSelectsNumber_FailsWithRuntime()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Fail","ErrorPath":"$.code"}"""), """{"code":42}""");
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task Fail_NoErrorGiven_FailsWithoutErrorName()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Fail"}"""), "{}");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Null(result.Error);
        Assert.Null(result.Cause);
    }
}
