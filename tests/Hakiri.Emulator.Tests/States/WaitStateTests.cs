using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Tests.Support;

namespace Hakiri.Emulator.Tests.States;

public sealed class WaitStateTests
{
    private static async Task<TimeSpan> WaitedAsync(string state, string input = "{}")
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var result = await Asl.RunAsync(Asl.Single(state), input, clock: clock);
        Assert.True(result.Status == ExecutionStatus.Succeeded, $"{result.Error}: {result.Cause}");
        Asl.JsonEqual(input, result.Output);
        return result.StopDate - result.StartDate;
    }

    [Fact]
    public async Task Wait_Seconds_WaitsExactly() =>
        Assert.Equal(TimeSpan.FromSeconds(10), await WaitedAsync("""{"Type":"Wait","Seconds":10,"End":true}"""));

    [Fact]
    public async Task Wait_SecondsPath_ReadsInput() =>
        Assert.Equal(TimeSpan.FromSeconds(42), await WaitedAsync("""{"Type":"Wait","SecondsPath":"$.delay","End":true}""", """{"delay":42}"""));

    [Fact]
    public async Task Wait_Timestamp_WaitsUntilThen() =>
        Assert.Equal(TimeSpan.FromHours(1), await WaitedAsync("""{"Type":"Wait","Timestamp":"2024-01-01T01:00:00Z","End":true}"""));

    [Fact]
    public async Task Wait_TimestampInThePast_DoesNotWait() =>
        Assert.Equal(TimeSpan.Zero, await WaitedAsync("""{"Type":"Wait","Timestamp":"2020-01-01T00:00:00Z","End":true}"""));

    [Fact]
    public async Task Wait_TimestampPathWithOffset_WaitsUntilThatInstant() =>
        Assert.Equal(TimeSpan.FromMinutes(30), await WaitedAsync("""{"Type":"Wait","TimestampPath":"$.until","End":true}""", """{"until":"2024-01-01T01:30:00+01:00"}"""));

    [Theory]
    [InlineData("""{"delay":-1}""")]
    [InlineData("""{"delay":"10"}""")]
    [InlineData("""{"delay":1.5}""")]
    [InlineData("{}")]
    public async Task Wait_SecondsPathNotANonNegativeInteger_FailsWithRuntime(string input)
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Wait","SecondsPath":"$.delay","End":true}"""), input);
        Assert.Equal(StatesErrors.Runtime, result.Error);
    }

    [Fact]
    public async Task Wait_InputPathAndOutputPath_Apply()
    {
        var result = await Asl.RunAsync(Asl.Single("""{"Type":"Wait","InputPath":"$.a","SecondsPath":"$.s","OutputPath":"$.s","End":true}"""), """{"a":{"s":3}}""");
        Asl.JsonEqual("3", result.Output);
    }
}
