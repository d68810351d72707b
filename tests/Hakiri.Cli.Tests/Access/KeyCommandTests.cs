using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Access;

/// <summary><c>hakiri key init|rotate</c> as separate processes, with the key directory outside the project.</summary>
public sealed class KeyCommandTests
{
    [Fact]
    public async Task KeyInit_Project_WritesOwnerOnlyKeyAndPublicKeyIntoManifest()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();

        var result = await AccessCli.RunAsync(keys, "key", "init", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(0, result.ExitCode);
        var manifest = File.ReadAllText(project.Combine("hakiri.toml"));
        Assert.Matches("public_key = \"ed25519:[A-Za-z0-9_-]{43}\"", manifest);
        var keyFile = Assert.Single(Directory.GetFiles(keys.Path, "*.key"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(keyFile));
        Assert.StartsWith("ed25519-private:", File.ReadAllText(keyFile), StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(keyFile).Trim()[16..], manifest, StringComparison.Ordinal);
        Assert.Equal(0, (await AccessCli.RunAsync(keys, "validate", project.Combine("hakiri.toml"))).ExitCode);
    }

    [Fact]
    public async Task KeyInit_Twice_ExitsTwoPointingAtRotate()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);
        var before = File.ReadAllText(project.Combine("hakiri.toml"));

        var result = await AccessCli.RunAsync(keys, "key", "init", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run 'hakiri key rotate' to replace it", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(project.Combine("hakiri.toml")));
        Assert.Single(Directory.GetFiles(keys.Path, "*.key"));
    }

    [Fact]
    public async Task KeyInit_KeyDirectoryInsideProject_ExitsTwoAndWritesNothing()
    {
        using var project = Samples.CopyQuickstart();
        var before = File.ReadAllText(project.Combine("hakiri.toml"));
        var inside = new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_KEY_DIR"] = project.Combine("keys") };

        var result = await HakiriProcess.RunWithEnvironmentAsync(inside, "key", "init", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is inside the project", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.Combine("keys")));
        Assert.Equal(before, File.ReadAllText(project.Combine("hakiri.toml")));
    }

    [Fact]
    public async Task KeyRotate_OldTokenStillValid_NewTokensUseNewKey()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();
        await AccessCli.InitAsync(keys, project);
        var oldToken = await AccessCli.IssueAsync(keys, project, "--agent", "a", "--tables", "orders");
        var oldKey = File.ReadAllText(project.Combine("hakiri.toml"));

        var rotated = await AccessCli.RunAsync(keys, "key", "rotate", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(0, rotated.ExitCode);
        var manifest = File.ReadAllText(project.Combine("hakiri.toml"));
        Assert.Contains("retired_keys = [", manifest, StringComparison.Ordinal);
        Assert.NotEqual(oldKey, manifest);
        Assert.Equal(2, Directory.GetFiles(keys.Path, "*.key").Length);
        Assert.Equal(0, (await AccessCli.RunAsync(keys, "validate", project.Combine("hakiri.toml"))).ExitCode);
        Assert.Contains("verification: valid for this project", (await AccessCli.RunAsync(keys, "token", "inspect", oldToken, "-m", project.Combine("hakiri.toml"))).Stdout, StringComparison.Ordinal);
        var newToken = await AccessCli.IssueAsync(keys, project, "--agent", "b", "--tables", "orders");
        Assert.Contains("verification: valid for this project", (await AccessCli.RunAsync(keys, "token", "inspect", newToken, "-m", project.Combine("hakiri.toml"))).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRotate_NoAccessSection_ExitsTwo()
    {
        using var project = Samples.CopyQuickstart();
        using var keys = new TempDirectory();

        var result = await AccessCli.RunAsync(keys, "key", "rotate", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run 'hakiri key init' first", result.Stderr, StringComparison.Ordinal);
    }
}
