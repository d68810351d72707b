using Hakiri.Wasm.Host;
using static Hakiri.Wasm.Tests.Host.Grants;

namespace Hakiri.Wasm.Tests.Host;

public sealed class GrantedHostLogTests
{
    private readonly List<string> _lines = [];
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(GuestLogLevel.Debug, "debug")]
    [InlineData(GuestLogLevel.Info, "info")]
    [InlineData(GuestLogLevel.Warn, "warn")]
    [InlineData(GuestLogLevel.Error, "error")]
    public void Log_Line_PrefixedWithConnectorAndLevel(GuestLogLevel level, string name)
    {
        using var host = Create();

        host.Log(level, "fetched 3 pages");

        Assert.Equal([$"connector 'tickets' {name}: fetched 3 pages"], _lines);
    }

    [Fact]
    public void Log_ControlCharacters_EscapedOntoOneLine()
    {
        using var host = Create();

        host.Log(GuestLogLevel.Info, "two\nlines\r\tand \u001b[31mred\u001b[0m, \u202Eevil\u2028 bell\u0007 del\u007f ok: ü 🎉 lone\uD800.");

        Assert.Equal(
            ["connector 'tickets' info: two\\nlines\\r\\tand \\u001B[31mred\\u001B[0m, \\u202Eevil\\u2028 bell\\u0007 del\\u007F ok: ü 🎉 lone\uFFFD."],
            _lines);
    }

    [Fact]
    public void Log_LongLine_CutAtTheLimitOnACharacterBoundary()
    {
        using var host = Create(GrantedHostLimits.Default with { MaxLogLineBytes = 10 });

        host.Log(GuestLogLevel.Info, "abcdefghé€xyz");

        // "abcdefghé" is 10 UTF-8 bytes; "€xyz" (6 bytes) does not fit.
        Assert.Equal(["connector 'tickets' info: abcdefghé… [6 more bytes cut]"], _lines);
    }

    [Fact]
    public void Log_DefaultLimitEightKibibytes_LongerLineCut()
    {
        using var host = Create();

        host.Log(GuestLogLevel.Warn, new string('x', 10_000));

        Assert.Equal($"connector 'tickets' warn: {new string('x', 8192)}… [1808 more bytes cut]", Assert.Single(_lines));
    }

    [Fact]
    public void Log_Flood_ExcessDroppedCountedAndReportedOnce()
    {
        var host = Create(GrantedHostLimits.Default with { LogBytesPerSecond = 1000, MaxLogLineBytes = 100 });
        var line = new string('y', 100);

        for (var i = 0; i < 25; i++)
        {
            host.Log(GuestLogLevel.Info, line);
        }

        Assert.Equal(10, _lines.Count);
        Assert.Equal(15, host.DroppedLogLines);
        Assert.Equal(1500, host.DroppedLogBytes);

        // Half a second refills half the budget.
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 10; i++)
        {
            host.Log(GuestLogLevel.Info, line);
        }

        Assert.Equal(15, _lines.Count);
        Assert.Equal(20, host.DroppedLogLines);

        host.Dispose();
        host.Dispose();
        host.ReportDroppedLogs();
        Assert.Equal("connector 'tickets': 20 log lines (2000 bytes) dropped over the 1000 bytes/s limit", _lines[^1]);
        Assert.Equal(16, _lines.Count);
    }

    [Fact]
    public void Log_FloodAtTheDefaultLimit_OneMebibyteAtOnceThenDropped()
    {
        var host = Create();
        var line = new string('z', 8192);

        for (var i = 0; i < 200; i++)
        {
            host.Log(GuestLogLevel.Debug, line);
        }

        host.Dispose();
        Assert.Equal(128 + 1, _lines.Count);
        Assert.Equal("connector 'tickets': 72 log lines (589824 bytes) dropped over the 1 MiB/s limit", _lines[^1]);
    }

    [Fact]
    public void Dispose_NothingDropped_LogsNothing()
    {
        var host = Create();
        host.Log(GuestLogLevel.Info, "one");

        host.Dispose();

        Assert.Single(_lines);
    }

    [Fact]
    public void Log_NoSink_Discarded()
    {
        using var host = new GrantedHost("tickets", ConnectorGrants.None, new Dictionary<string, string>(), Services(new TwinHandler(), log: null, clock: _clock));

        host.Log(GuestLogLevel.Error, "nobody listens");

        Assert.Equal(0, host.DroppedLogLines);
    }

    private GrantedHost Create(GrantedHostLimits? limits = null) =>
        new("tickets", ConnectorGrants.None, new Dictionary<string, string>(), Services(new TwinHandler(), _lines.Add, _clock), limits);
}
