using Hakiri.Model.Steps;

namespace Hakiri.Orchestration.Durable.Tests;

public sealed class StepRetryPolicyTests
{
    [Theory]
    [InlineData(StepErrors.RateLimited, 0)]
    [InlineData(StepErrors.Transient, 1)]
    [InlineData("Lambda.ServiceException", 1)]
    [InlineData("States.Timeout", 1)]
    [InlineData(StepErrors.AuthExpired, 2)]
    [InlineData(StepErrors.Permanent, -1)]
    [InlineData(StepErrors.SchemaIncompatible, -1)]
    public void IndexOf_ErrorName_TheRuleThatRetriesIt(string error, int rule) => Assert.Equal(rule, StepRetryPolicy.IndexOf(error));

    [Fact]
    public void DelayBefore_RateLimitWithoutJitterScale_DoublesUpToTheCap()
    {
        var rule = StepRetryPolicy.Rules[0];

        var delays = Enumerable.Range(0, 7).Select(n => rule.DelayBefore(n, jitter: 1.0).TotalSeconds);

        Assert.Equal([5, 10, 20, 40, 80, 160, 300], delays);
    }

    [Fact]
    public void DelayBefore_FullJitter_ScalesTheWait() =>
        Assert.Equal(TimeSpan.FromSeconds(1), StepRetryPolicy.Rules[1].DelayBefore(0, jitter: 0.5));

    [Fact]
    public void DelayBefore_NoJitterRule_IgnoresTheDraw() =>
        Assert.Equal(TimeSpan.FromSeconds(1), StepRetryPolicy.Rules[2].DelayBefore(0, jitter: 0.1));
}
