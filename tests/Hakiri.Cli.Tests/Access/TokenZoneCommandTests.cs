using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Access;

/// <summary><c>hakiri token issue --zone</c>, and the zone staying the issuer's through attenuate and inspect.</summary>
public sealed class TokenZoneCommandTests
{
    [Fact]
    public async Task TokenIssue_Zone_InspectShowsItAndAChildKeepsIt()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);

        var token = await AccessCli.IssueAsync(keys, project, "--agent", "cloud-bot", "--tables", "customers,orders", "--zone", "public-cloud:openai");
        var child = await AccessCli.RunAsync(keys, "token", "attenuate", token, "--tables", "customers");
        var inspected = await AccessCli.RunAsync(keys, "token", "inspect", child.Stdout.Trim(), "-m", project.Combine("hakiri.toml"));

        Assert.Equal(0, child.ExitCode);
        Assert.Contains("zone: public-cloud:openai", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("verification: valid for this project", inspected.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenAttenuate_Zone_ExitsTwoAndPrintsNoToken()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);
        var token = await AccessCli.IssueAsync(keys, project, "--agent", "cloud-bot", "--tables", "customers");

        var result = await AccessCli.RunAsync(keys, "token", "attenuate", token, "--zone", "on-prem:clinic");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("sets an inference zone, which only the token's issuer may", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on-prem:*", "is a pattern, not a zone")]
    [InlineData("cloud:openai", "is not a zone: write local:device, on-prem:<name>")]
    public async Task TokenIssue_BadZone_ExitsTwoWithTheValidForms(string zone, string fragment)
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);

        var result = await AccessCli.RunAsync(keys, "token", "issue", "-m", project.Combine("hakiri.toml"), "--agent", "a", "--tables", "orders", "--zone", zone);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains(fragment, result.Stderr, StringComparison.Ordinal);
    }
}
