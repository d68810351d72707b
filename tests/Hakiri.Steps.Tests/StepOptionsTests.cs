namespace Hakiri.Steps.Tests;

// StepOptions.FromEnvironment: the defaults, Lambda's memory-sized CPU, and the HAKIRI_* overrides.
public sealed class StepOptionsTests
{
    private static readonly int LocalCores = Math.Clamp(Environment.ProcessorCount, 1, 4);

    [Fact]
    public void FromEnvironment_NothingSet_TheMachinesCoresAtMostFour()
    {
        var options = StepOptions.FromEnvironment(Env());

        Assert.Equal(LocalCores, options.PullRanges);
        Assert.Equal(LocalCores, options.WriteThreads);
        Assert.Equal(1, options.DuckDbThreads);
        Assert.Equal("192MB", options.DuckDbMemoryLimit);
    }

    [Theory]
    [InlineData(128, 1)]
    [InlineData(1024, 1)]
    [InlineData(2048, 1)]
    [InlineData(2654, 2)]
    [InlineData(3008, 2)]
    [InlineData(10240, 6)]
    public void LambdaCores_MemoryInMb_TheVcpusItPaysFor(int memoryMb, int cores) =>
        Assert.Equal(cores, StepOptions.LambdaCores(memoryMb));

    [Theory]
    [InlineData("1024")]
    [InlineData("10240")]
    public void FromEnvironment_OnLambda_RangesAndWriteThreadsFollowTheMemory(string memoryMb)
    {
        var options = StepOptions.FromEnvironment(Env(("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memoryMb)));

        var expected = Math.Min(StepOptions.LambdaCores(int.Parse(memoryMb, System.Globalization.CultureInfo.InvariantCulture)), LocalCores);
        Assert.Equal(expected, options.PullRanges);
        Assert.Equal(expected, options.WriteThreads);
        if (memoryMb == "1024")
        {
            Assert.Equal(1, options.PullRanges);
        }
    }

    [Fact]
    public void FromEnvironment_VariablesSet_TheyWinOverEveryDefault()
    {
        var options = StepOptions.FromEnvironment(Env(
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"),
            ("HAKIRI_PULL_RANGES", "3"),
            ("HAKIRI_DUCKDB_WRITE_THREADS", "2"),
            ("HAKIRI_DUCKDB_THREADS", "2"),
            ("HAKIRI_DUCKDB_MEMORY_LIMIT", "512MB"),
            ("HAKIRI_CONNECTOR_BATCH_ROWS", "500")));

        Assert.Equal(3, options.PullRanges);
        Assert.Equal(2, options.WriteThreads);
        Assert.Equal(2, options.DuckDbThreads);
        Assert.Equal("512MB", options.DuckDbMemoryLimit);
        Assert.Equal(500, options.ConnectorBatchRows);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("")]
    public void FromEnvironment_NotAPositiveNumber_TheDefaultStays(string value)
    {
        var options = StepOptions.FromEnvironment(Env(("HAKIRI_PULL_RANGES", value), ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", value)));

        Assert.Equal(LocalCores, options.PullRanges);
        Assert.Equal(LocalCores, options.WriteThreads);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
