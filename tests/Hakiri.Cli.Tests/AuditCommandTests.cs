using System.Text.Json;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Audit;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary><c>hakiri audit</c> over a store whose audit journal a live server is still writing.</summary>
public sealed class AuditCommandTests
{
    [Fact]
    public async Task Audit_TableKeySinceOverALiveJournal_ListsTheReaderAndTheMayHaveRead()
    {
        using var dir = Samples.CopyQuickstart();
        using var trail = WriteReads(dir);

        var result = await CliRunner.RunAsync("audit", "--table", "customers", "--key", "c-42", "--since", "24h", "-m", dir.Combine("hakiri.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"\| counter +\| +\| +\| +\| tok-c +\| context.query +\| customers +\| 1 +\| +\| false +\| may have read$", lines[2]);
        Assert.Matches(@"\| agent-b +\| laptop +\| ana@example.com +\| task-7 +\| tok-b +\| context.query +\| customers +\| 2 +\| c-42 +\| true +\| read$", lines[3]);
        Assert.Equal("(2 reads)", lines[4]);
        Assert.StartsWith("'may have read': the read touched customers without naming every key", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_AgentAsJson_ListsWhatTheAgentReadNewestFirst()
    {
        using var dir = Samples.CopyQuickstart();
        using var trail = WriteReads(dir);

        var result = await CliRunner.RunAsync("audit", "--agent", "agent-b", "-f", "json", "-m", dir.Combine("hakiri.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var reads = json.RootElement.EnumerateArray().Select(e => $"{e.GetProperty("tables").GetString()}:{e.GetProperty("keys").GetString()}").ToArray();
        Assert.Equal(["orders:1", "customers:2", "customers:1"], reads);
    }

    [Theory]
    [InlineData("--since", "yesterday", "error: --since 'yesterday' is neither a duration (90m, 24h, 7d) nor an ISO date or instant")]
    [InlineData("--key", "c-42", "error: --key 'c-42' names a row of a table; add --table")]
    public async Task Audit_BadInput_ExitsTwoWithASentence(string option, string value, string sentence)
    {
        using var dir = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("audit", option, value, "-m", dir.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(sentence, result.Stderr, StringComparison.Ordinal);
    }

    // agent-b read c-42 an hour ago and c-42 three days ago (outside 24h); counter counted customers; agent-b read orders.
    private static AuditTrail WriteReads(TempDirectory dir)
    {
        var now = DateTimeOffset.UtcNow;
        var who = new Subject("agent-b", "laptop", "ana@example.com", "task-7");
        var trail = AuditTrail.Open(new StoreLayout(dir.Combine(".hakiri")), new AuditOptions());
        trail.Record(new AuditRecord(now.AddDays(-3), who, "tok-b", "context.query", ["customers"], 1, [new AuditKey("customers", "c-42")], true));
        trail.Record(new AuditRecord(now.AddHours(-1), who, "tok-b", "context.query", ["customers"], 2, [new AuditKey("customers", "c-42"), new AuditKey("customers", "c-1")], true));
        trail.Record(new AuditRecord(now.AddMinutes(-30), new Subject("counter"), "tok-c", "context.query", ["customers"], 1, [], false));
        trail.Record(new AuditRecord(now.AddMinutes(-10), who, "tok-b", "context.query", ["orders"], 1, [new AuditKey("orders", "o-1")], true));
        return trail;
    }
}
