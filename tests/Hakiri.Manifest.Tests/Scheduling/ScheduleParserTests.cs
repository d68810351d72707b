using Hakiri.Manifest.Scheduling;
using Hakiri.Model.Manifests;

namespace Hakiri.Manifest.Tests.Scheduling;

public sealed class ScheduleParserTests
{
    [Theory]
    [InlineData("rate(1 minute)", 60)]
    [InlineData("rate(15 minutes)", 900)]
    [InlineData("rate(1 hour)", 3600)]
    [InlineData("rate(12 hours)", 43200)]
    [InlineData("rate(7 days)", 604800)]
    public void TryParse_Rate_GivesIntervalAndRoundTrips(string text, int seconds)
    {
        Assert.True(ScheduleParser.TryParse(text, out var schedule, out var error), error?.Message);
        var rate = Assert.IsType<RateSchedule>(schedule);
        Assert.Equal(TimeSpan.FromSeconds(seconds), rate.Interval);
        Assert.Equal(text, rate.Expression);
    }

    [Theory]
    [InlineData("cron(0 12 * * ? *)")]
    [InlineData("cron(0/15 * * * ? *)")]
    [InlineData("cron(0 8 ? * MON-FRI *)")]
    [InlineData("cron(30 2 L * ? *)")]
    [InlineData("cron(0 9 ? * 6#3 *)")]
    [InlineData("cron(0 9 ? * 6L 2026-2030)")]
    [InlineData("cron(0 0 15W jan,jul ? *)")]
    [InlineData("cron(5,35 14 ? * 1-7/2 *)")]
    public void TryParse_ValidCron_Accepts(string text)
    {
        Assert.True(ScheduleParser.TryParse(text, out var schedule, out var error), error?.Message);
        Assert.Equal(text, schedule!.Expression);
    }

    [Theory]
    [InlineData("rate(1 minutes)", "singular")]
    [InlineData("rate(2 hour)", "plural")]
    [InlineData("rate(-1 hours)", "positive whole number")]
    [InlineData("rate(1.5 hours)", "positive whole number")]
    [InlineData("rate(hours)", "number and a unit")]
    [InlineData("cron(0 24 * * ? *)", "hours field")]
    [InlineData("cron(0 12 32 * ? *)", "day-of-month field")]
    [InlineData("cron(0 12 ? * 8 *)", "day-of-week field")]
    [InlineData("cron(0 12 ? * MON#6 *)", "day-of-week field")]
    [InlineData("cron(0 12 * * ? 1969)", "year field")]
    [InlineData("cron(0 12 ? * ? *)", "exactly one")]
    [InlineData("cron(? 12 * * ? *)", "'?' is not allowed in the minutes field")]
    [InlineData("cron(0 12 * * ? * *)", "7 fields")]
    [InlineData("cron(0,,5 12 * * ? *)", "empty list item")]
    [InlineData("cron(*/0 12 * * ? *)", "minutes field")]
    [InlineData("every hour", "not a schedule expression")]
    public void TryParse_Invalid_ExplainsWhy(string text, string fragment)
    {
        Assert.False(ScheduleParser.TryParse(text, out _, out var error));
        Assert.Contains(fragment, error!.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
    }
}
