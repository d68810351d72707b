using Hakiri.Model.Manifests;
using Hakiri.Access.Audit;
using Hakiri.Testing;
using static Hakiri.Audit.Tests.AuditRecords;

namespace Hakiri.Audit.Tests;

public sealed class AuditLogTests : IDisposable
{
    private AuditTrail? _live;

    public void Dispose() => _live?.Dispose();

    [Theory]
    [InlineData(AuditKeyMode.Hashed, true)]
    [InlineData(AuditKeyMode.Plain, true)]
    [InlineData(AuditKeyMode.Hashed, false)]
    [InlineData(AuditKeyMode.Plain, false)]
    public void Query_TableAndKey_AnswersTheReadsOfThatKeyAndTheMayHaveReads(AuditKeyMode mode, bool folded)
    {
        using var dir = new TempDirectory();
        var log = Write(dir, mode, folded);

        var entries = log.Query(new AuditQuery { Table = "customers", Key = "c-42" });

        Assert.Equal(["C:MayHaveRead", "B:Read", "A:Read"], entries.Select(e => $"{e.Subject!.Agent}:{e.Match}"));
        Assert.Equal(new AuditKey("customers", "c-42"), Assert.Single(entries[1].MatchedKeys));
        Assert.Empty(entries[0].MatchedKeys);
        Assert.False(entries[0].KeysComplete);
        Assert.Equal(AuditMatch.Read, entries[2].Match);
        Assert.Equal(["customers"], entries[2].Tables);
    }

    [Fact]
    public void Query_Agent_ListsEverythingThatAgentReadNewestFirst()
    {
        using var dir = new TempDirectory();
        var log = Write(dir, AuditKeyMode.Hashed, folded: true);

        var entries = log.Query(new AuditQuery { Agent = "A" });

        Assert.Equal([Noon.AddMinutes(3), Noon.AddDays(-2)], entries.Select(e => e.Time));
        Assert.Equal(["orders"], entries[0].Tables);
        Assert.Equal(2, entries[1].KeyCount);
        Assert.Equal("ana@example.com", entries[1].Subject!.OnBehalfOf);
    }

    [Fact]
    public void Query_Since_LeavesOutOlderReads()
    {
        using var dir = new TempDirectory();
        var log = Write(dir, AuditKeyMode.Plain, folded: true);

        var entries = log.Query(new AuditQuery { Table = "customers", Key = "c-42", Since = Noon.AddHours(-24) });

        Assert.Equal(["C", "B"], entries.Select(e => e.Subject!.Agent));
    }

    [Fact]
    public void Query_Token_AnswersOnlyThatTokensReads()
    {
        using var dir = new TempDirectory();
        var log = Write(dir, AuditKeyMode.Plain, folded: false);

        var entries = log.Query(new AuditQuery { TokenId = "tok-b" });

        Assert.Equal("B", Assert.Single(entries).Subject!.Agent);
    }

    [Fact]
    public void Query_PlainKeyOfAnotherTable_IsNotAMatch()
    {
        using var dir = new TempDirectory();
        var log = Write(dir, AuditKeyMode.Plain, folded: true);

        Assert.Empty(log.Query(new AuditQuery { Table = "orders", Key = "c-1" }));
    }

    [Fact]
    public void Query_KeyWithoutTable_Throws()
    {
        using var dir = new TempDirectory();
        var log = AuditLog.Open(Layout(dir), Options());

        Assert.Throws<ArgumentException>(() => log.Query(new AuditQuery { Key = "c-42" }));
    }

    [Fact]
    public void Journal_HashedMode_HoldsNoPlainKey()
    {
        using var dir = new TempDirectory();
        Write(dir, AuditKeyMode.Hashed, folded: false);

        var text = string.Concat(JournalFiles(Layout(dir)).Select(File.ReadAllText));
        Assert.DoesNotContain("c-42", text, StringComparison.Ordinal);
        Assert.Contains(AuditKeys.Encode(AuditKeyMode.Hashed, "customers", "c-42"), text, StringComparison.Ordinal);
        Assert.Equal("f31e38a4251c28e3", AuditKeys.Encode(AuditKeyMode.Hashed, "t", "k")[..16]);
    }

    [Theory]
    [InlineData("24h", "2026-12-01T13:00:00+00:00")]
    [InlineData("7d", "2026-11-25T13:00:00+00:00")]
    [InlineData("90m", "2026-12-02T11:30:00+00:00")]
    [InlineData("2026-11-30", "2026-11-30T00:00:00+00:00")]
    [InlineData("2026-11-30T08:00:00+02:00", "2026-11-30T06:00:00+00:00")]
    public void TryParseSince_DurationOrIso_ResolvesTheInstant(string text, string expected)
    {
        Assert.True(AuditQuery.TryParseSince(text, Noon.AddHours(1), out var since));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("24x")]
    [InlineData("h")]
    public void TryParseSince_Nonsense_IsFalse(string text) => Assert.False(AuditQuery.TryParseSince(text, Noon, out _));

    // A read c-42, B read c-42 and c-7, C counted customers (keys incomplete), A read orders o-1 with key c-42 (another table).
    private AuditLog Write(TempDirectory dir, AuditKeyMode mode, bool folded)
    {
        var layout = Layout(dir);
        var trail = AuditTrail.Open(layout, Options(mode));
        trail.Record(Read("A", Noon.AddDays(-2), "customers", ["c-42", "c-1"], token: "tok-a"));
        trail.Record(Read("B", Noon.AddMinutes(1), "customers", ["c-7", "c-42"], token: "tok-b"));
        trail.Record(Read("C", Noon.AddMinutes(2), "customers", [], complete: false, token: "tok-c"));
        trail.Record(Read("A", Noon.AddMinutes(3), "orders", ["c-42"], token: "tok-a"));
        trail.Record(Read("D", Noon.AddMinutes(4), "customers", ["c-9"], token: "tok-d"));
        if (folded)
        {
            trail.Dispose();
            Assert.Empty(JournalFiles(layout));
        }
        else
        {
            _live = trail;
        }

        return AuditLog.Open(layout, Options(mode));
    }
}
