using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Access;

/// <summary><c>hakiri token issue|attenuate|inspect|revoke</c> as separate processes.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task TokenIssue_FilterAndRedaction_InspectShowsThemAndVerifies()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);

        var token = await AccessCli.IssueAsync(keys, project, "--agent", "support-bot", "--on-behalf-of", "ana", "--task", "T-9",
            "--tables", "customers,orders", "--filter", "customers: country = \"DE\"", "--redact", "customers.name", "--ttl", "2h");
        var inspected = await AccessCli.RunAsync(keys, "token", "inspect", token, "-m", project.Combine("hakiri.toml"));

        Assert.StartsWith("hkt1.", token, StringComparison.Ordinal);
        Assert.Equal(0, inspected.ExitCode);
        Assert.Contains("subject: agent support-bot, on behalf of ana, task T-9", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("tables: customers, orders", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("filter: customers: country = \"DE\"", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("redact: customers.name", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("verification: valid for this project", inspected.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenIssue_TtlAboveMax_ExitsTwo()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);

        var result = await AccessCli.RunAsync(keys, "token", "issue", "-m", project.Combine("hakiri.toml"), "--agent", "a", "--tables", "orders", "--ttl", "2d");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("longer than the manifest's max_ttl (1d)", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task TokenIssue_MalformedFilter_ExitsTwoLocatingIt()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);

        var result = await AccessCli.RunAsync(keys, "token", "issue", "-m", project.Combine("hakiri.toml"), "--agent", "a", "--tables", "customers",
            "--filter", "customers: country = ");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("column", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task TokenIssue_NoPrivateKey_ExitsTwoSayingWhereItLooked()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);
        using var elsewhere = new TempDirectory();

        var result = await AccessCli.RunAsync(elsewhere, "token", "issue", "-m", project.Combine("hakiri.toml"), "--agent", "a", "--tables", "orders");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"is not at {elsewhere.Path}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenAttenuate_Narrower_AddsABlock_WiderRefused()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);
        var token = await AccessCli.IssueAsync(keys, project, "--agent", "a", "--tables", "customers,orders");

        var narrowed = await AccessCli.RunAsync(keys, "token", "attenuate", token, "--tables", "customers", "--redact", "customers.name", "--ttl", "10m");
        var widened = await AccessCli.RunAsync(keys, "token", "attenuate", token, "--tables", "products");

        Assert.Equal(0, narrowed.ExitCode);
        var inspected = await AccessCli.RunAsync(keys, "token", "inspect", narrowed.Stdout.Trim(), "-m", project.Combine("hakiri.toml"));
        Assert.Contains("attenuated", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("verification: valid for this project", inspected.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, widened.ExitCode);
        Assert.Contains("products", widened.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_ThenInspect_Refused()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);
        var token = await AccessCli.IssueAsync(keys, project, "--agent", "a", "--tables", "orders");
        var child = (await AccessCli.RunAsync(keys, "token", "attenuate", token, "--ttl", "5m")).Stdout.Trim();
        var json = (await AccessCli.RunAsync(keys, "token", "inspect", token, "-f", "json")).Stdout;
        var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;

        var revoked = await AccessCli.RunAsync(keys, "token", "revoke", id, "--reason", "laptop lost", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains($"token {id} revoked", revoked.Stdout, StringComparison.Ordinal);
        Assert.Contains("refused", (await AccessCli.RunAsync(keys, "token", "inspect", token, "-m", project.Combine("hakiri.toml"))).Stdout, StringComparison.Ordinal);
        Assert.Contains("refused", (await AccessCli.RunAsync(keys, "token", "inspect", child, "-m", project.Combine("hakiri.toml"))).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_NotAnId_ExitsTwo()
    {
        using var project = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("token", "revoke", "nope", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a token id", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenInspect_Garbage_ExitsTwo()
    {
        var result = await CliRunner.RunAsync("token", "inspect", "hkt1.garbage");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
    }
}
