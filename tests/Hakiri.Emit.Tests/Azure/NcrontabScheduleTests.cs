using Hakiri.Emit.Azure;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using NCrontab;

namespace Hakiri.Emit.Tests.Azure;

public sealed class NcrontabScheduleTests
{
    [Theory]
    [InlineData("rate(1 minute)", "0 */1 * * * *")]
    [InlineData("rate(5 minutes)", "0 */5 * * * *")]
    [InlineData("rate(30 minutes)", "0 */30 * * * *")]
    [InlineData("rate(60 minutes)", "0 0 */1 * * *")]
    [InlineData("rate(120 minutes)", "0 0 */2 * * *")]
    [InlineData("rate(1 hour)", "0 0 */1 * * *")]
    [InlineData("rate(6 hours)", "0 0 */6 * * *")]
    [InlineData("rate(24 hours)", "0 0 0 * * *")]
    [InlineData("rate(1 day)", "0 0 0 * * *")]
    [InlineData("cron(0 12 * * ? *)", "0 0 12 * * *")]
    [InlineData("cron(15 6 ? * MON-FRI *)", "0 15 6 * * 1-5")]
    [InlineData("cron(0 8 ? * 2-6 *)", "0 0 8 * * 1-5")]
    [InlineData("cron(0 8 ? * SUN,SAT *)", "0 0 8 * * 0,6")]
    [InlineData("cron(0 8 ? * 1 *)", "0 0 8 * * 0")]
    [InlineData("cron(0/15 * * * ? *)", "0 0-59/15 * * * *")]
    [InlineData("cron(*/10 9-17 ? * MON-FRI *)", "0 */10 9-17 * * 1-5")]
    [InlineData("cron(0 0 1,15 * ? *)", "0 0 0 1,15 * *")]
    [InlineData("cron(30 2 1 JAN ? *)", "0 30 2 1 1 *")]
    [InlineData("cron(0 0 ? JUN-AUG SAT *)", "0 0 0 * 6-8 6")]
    public void TryTranslate_Translatable_GivesNcrontab(string eventBridge, string expected)
    {
        Assert.True(NcrontabSchedule.TryTranslate(Parse(eventBridge), out var expression, out var error), error?.ToString());
        Assert.Equal(expected, expression);
        Assert.NotNull(CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
    }

    // Occurrences by the parser the timer trigger uses, from Sunday 2026-11-29 00:00 UTC for a week: what the
    // EventBridge expression means, checked by a reader Hakiri did not write.
    [Theory]
    [InlineData("cron(15 6 ? * MON-FRI *)", "11-30 06:15", "12-01 06:15", "12-02 06:15", "12-03 06:15", "12-04 06:15")]
    [InlineData("cron(0 8 ? * 1 *)", "11-29 08:00", "12-06 08:00")]
    [InlineData("cron(0 8 ? * SAT *)", "12-05 08:00")]
    [InlineData("cron(0 0 1,3 * ? *)", "12-01 00:00", "12-03 00:00")]
    [InlineData("cron(0 9 ? * 3/2 *)", "12-01 09:00", "12-03 09:00", "12-05 09:00")]
    public void Translation_FiresWhenEventBridgeWould(string eventBridge, params string[] expected)
    {
        Assert.True(NcrontabSchedule.TryTranslate(Parse(eventBridge), out var expression, out _));
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

        var fired = schedule.GetNextOccurrences(new DateTime(2026, 11, 29, 0, 0, 0), new DateTime(2026, 12, 6, 23, 59, 59));

        Assert.Equal(expected, fired.Select(t => t.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("rate(15 minutes)", 4)]
    [InlineData("rate(6 hours)", 4)]
    public void Translation_RateFiresOnClockBoundaries(string eventBridge, int perPeriod)
    {
        Assert.True(NcrontabSchedule.TryTranslate(Parse(eventBridge), out var expression, out _));
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var period = eventBridge.Contains("minutes", StringComparison.Ordinal) ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var start = new DateTime(2026, 11, 29, 0, 0, 0);

        var fired = schedule.GetNextOccurrences(start.AddSeconds(-1), start + period - TimeSpan.FromSeconds(1)).ToArray();

        Assert.Equal(perPeriod, fired.Length);
        Assert.Equal(start, fired[0]);
        Assert.All(fired.Zip(fired.Skip(1)), pair => Assert.Equal(period / perPeriod, pair.Second - pair.First));
    }

    [Theory]
    [InlineData("rate(7 minutes)", "does not divide an hour")]
    [InlineData("rate(45 minutes)", "does not divide an hour")]
    [InlineData("rate(5 hours)", "does not divide a day")]
    [InlineData("rate(90 minutes)", "does not divide an hour")]
    [InlineData("rate(2 days)", "a day step restarts at each month's start")]
    [InlineData("rate(48 hours)", "a day step restarts at each month's start")]
    [InlineData("cron(0 12 * * ? 2027)", "no year field")]
    [InlineData("cron(0 12 L * ? *)", "'L'")]
    [InlineData("cron(0 12 15W * ? *)", "'15W'")]
    [InlineData("cron(0 12 ? * 6L *)", "'6L'")]
    [InlineData("cron(0 12 ? * MON#2 *)", "'MON#2'")]
    [InlineData("cron(0 22-2 * * ? *)", "wraps around")]
    public void TryTranslate_NoEquivalent_SaysWhyAndWhatToWrite(string eventBridge, string why)
    {
        Assert.False(NcrontabSchedule.TryTranslate(Parse(eventBridge), out var expression, out var error));
        Assert.Null(expression);
        Assert.Contains(why, error!.Message, StringComparison.Ordinal);
        Assert.Contains(eventBridge.Split('(')[0], error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
    }

    [Fact]
    public void TryTranslate_DayRate_HintIsATranslatableCron()
    {
        NcrontabSchedule.TryTranslate(Parse("rate(3 days)"), out _, out var error);

        var suggested = error!.Hint[(error.Hint.IndexOf("cron(", StringComparison.Ordinal))..error.Hint.IndexOf(" to run", StringComparison.Ordinal)];
        Assert.True(NcrontabSchedule.TryTranslate(Parse(suggested), out var expression, out _));
        Assert.Equal("0 0 0 */3 * *", expression);
    }

    // Through the real manifest binder, so every accepted case is an expression the manifest itself accepts.
    private static Schedule Parse(string expression)
    {
        var text = $"[project]\nname = \"p\"\n\n[pipelines.a]\nschedule = \"{expression}\"\n\n[pipelines.a.source]\nconnector = \"file\"\npath = \"*.csv\"\nformat = \"csv\"\n";
        var loaded = ManifestLoader.ParseProject(text, Path.Combine(Path.GetTempPath(), "hakiri.toml"));
        Assert.True(loaded.Value is not null, string.Join("\n", loaded.Diagnostics));
        return loaded.Value.Pipelines[0].Schedule!;
    }
}
