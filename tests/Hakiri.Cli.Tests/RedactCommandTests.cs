using System.Text;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary><c>hakiri redact apply</c> and the runs and validations around it, through the command line.</summary>
public sealed class RedactCommandTests
{
    private const string Sentinel = "sentinel-c41e@example.com";

    private static string Manifest(string redact) => $$"""
        [project]
        name = "p"
        [pipelines.customers]
        primary_key = ["id"]
        {{redact}}
        [pipelines.customers.source]
        connector = "file"
        path = "in/*.csv"
        """;

    [Fact]
    public async Task RedactApply_AfterARefusedRun_RewritesTheTableAndTheNextRunSucceeds()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(string.Empty));
        dir.Write("in/1.csv", $"id,name,email\n1,Ann,{Sentinel}\n2,Bob,b@example.com\n");
        Assert.Equal(0, (await CliRunner.RunAsync("run", "-m", manifest)).ExitCode);
        dir.Write("hakiri.toml", Manifest("redact = [\"email\"]"));

        var refused = await CliRunner.RunAsync("run", "-m", manifest);
        var apply = await CliRunner.RunAsync("redact", "apply", "customers", "-m", manifest);
        var rerun = await CliRunner.RunAsync("run", "-m", manifest);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("run `hakiri redact apply customers` to rewrite the stored files under the new redaction", refused.Stderr, StringComparison.Ordinal);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("customers: rewrote 1 file(s), 2 row(s) of table customers under redact drop (email) (was no redaction)", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("  dropped: email", apply.Stdout, StringComparison.Ordinal);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var store = dir.Combine(".hakiri");
        Assert.DoesNotContain(Directory.GetFiles(store, "*", SearchOption.AllDirectories), f => Contains(f, Sentinel));
        var recorded = await PlainReaders.Sqlite3Async(Path.Combine(store, "catalog.sqlite"), "SELECT table_name || ' ' || mode || ' ' || columns FROM table_redactions");
        Assert.Equal(["customers drop [\"email\"]"], recorded);
    }

    [Fact]
    public async Task RedactApply_UnknownPipeline_ExitsTwoNamingThePipelines()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest(string.Empty));

        var result = await CliRunner.RunAsync("redact", "apply", "nope", "-m", manifest);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no pipeline named 'nope' — the manifest has customers", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DroppedPrimaryKey_ExitsTwoWithLocatedError()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", Manifest("redact = [\"name\", \"id\"]"));

        var result = await CliRunner.RunAsync("validate", manifest);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hakiri.toml:5:19: error: 'redact' in [pipelines.customers] drops 'id', a primary_key column", result.Stderr, StringComparison.Ordinal);
    }

    private static bool Contains(string file, string value) => File.ReadAllBytes(file).AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
}
