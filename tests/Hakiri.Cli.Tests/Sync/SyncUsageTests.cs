using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Sync;

/// <summary><c>hakiri sync</c> refusing bad input before it touches anything.</summary>
public sealed class SyncUsageTests
{
    [Fact]
    public async Task SyncPush_NoRemoteConfigured_SaysHowToSetOneAndExits2()
    {
        using var project = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("sync", "push", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sets no remote; add remote = \"s3://bucket/prefix\" under [project], or pass --remote", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.Combine(".hakiri")));
    }

    [Fact]
    public async Task SyncPull_RemoteIsADirectory_Exits2()
    {
        using var project = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("sync", "pull", "-m", project.Combine("hakiri.toml"), "--remote", "../elsewhere");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--remote '../elsewhere' is not a bucket", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncStatus_StoreIsItselfInABucket_Exits2()
    {
        using var project = Samples.CopyQuickstart(store: "s3://team-bucket/store");

        var result = await CliRunner.RunAsync("sync", "status", "-m", project.Combine("hakiri.toml"), "--remote", "s3://team-bucket/shared");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already lives in a bucket; hakiri sync shares a local store", result.Stderr, StringComparison.Ordinal);
    }
}
