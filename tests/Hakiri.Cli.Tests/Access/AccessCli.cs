using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Access;

/// <summary>Runs hakiri with a private key directory of the test's own (outside the project).</summary>
internal static class AccessCli
{
    public static Task<ProcessResult> RunAsync(TempDirectory keys, params string[] args) =>
        HakiriProcess.RunWithEnvironmentAsync(new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_KEY_DIR"] = keys.Path }, args);

    public static async Task InitAsync(TempDirectory keys, TempDirectory project)
    {
        var result = await RunAsync(keys, "key", "init", "-m", project.Combine("hakiri.toml"));
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    public static async Task<string> IssueAsync(TempDirectory keys, TempDirectory project, params string[] args)
    {
        var result = await RunAsync(keys, ["token", "issue", "-m", project.Combine("hakiri.toml"), .. args]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim();
    }
}
