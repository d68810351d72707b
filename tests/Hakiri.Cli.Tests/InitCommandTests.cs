using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

public sealed class InitCommandTests
{
    [Fact]
    public async Task Init_EmptyDirectory_WritesAProjectThatValidatesCleanly()
    {
        using var dir = new TempDirectory();

        var init = await CliRunner.RunAsync("init", dir.Path);
        var validate = await CliRunner.RunAsync("validate", dir.Combine("hakiri.toml"));

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(File.Exists(dir.Combine("data", "orders.csv")));
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Equal(string.Empty, validate.Stderr);
    }

    [Fact]
    public async Task Init_ExistingManifest_RefusesAndChangesNothing()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", "# mine\n");

        var result = await CliRunner.RunAsync("init", dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already exists — pass --force", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("# mine\n", File.ReadAllText(manifest));
        Assert.False(Directory.Exists(dir.Combine("data")));
    }

    [Fact]
    public async Task Init_Force_Overwrites()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", "# mine\n");

        var result = await CliRunner.RunAsync("init", dir.Path, "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[project]", File.ReadAllText(manifest), StringComparison.Ordinal);
    }
}
