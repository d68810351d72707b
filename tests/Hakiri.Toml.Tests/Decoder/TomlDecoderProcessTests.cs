using System.Diagnostics;
using Hakiri.Toml.Tests.Corpus;

namespace Hakiri.Toml.Tests.Decoder;

/// <summary>Runs the built decoder as toml-test would: TOML on stdin, tagged JSON on stdout, exit code for validity.</summary>
public sealed class TomlDecoderProcessTests
{
    [Theory]
    [InlineData("valid/example")]
    [InlineData("valid/spec-example-1")]
    [InlineData("valid/string/escapes")]
    [InlineData("valid/utf8-bom-01")]
    public void Main_ValidDocument_WritesTaggedJsonAndExitsZero(string name)
    {
        var (exitCode, stdout, stderr) = RunDecoder(TomlTestCorpus.ReadToml(name));

        Assert.True(exitCode == 0, $"Exit code {exitCode}; stderr: {stderr}");
        Assert.Equal("", stderr);
        TaggedJsonAssert.Equivalent(TomlTestCorpus.ReadJson(name), stdout);
    }

    [Theory]
    [InlineData("invalid/table/duplicate-key-01")]
    [InlineData("invalid/encoding/bad-utf8-in-string")]
    [InlineData("invalid/control/bare-cr")]
    public void Main_InvalidDocument_ExitsOneWithLocatedError(string name)
    {
        var (exitCode, stdout, stderr) = RunDecoder(TomlTestCorpus.ReadToml(name));

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Matches(@"^<stdin>:\d+:\d+: [A-Z].*\.\s*$", stderr);
    }

    [Fact]
    public void Main_EmptyInput_WritesEmptyObject()
    {
        var (exitCode, stdout, _) = RunDecoder([]);

        Assert.Equal(0, exitCode);
        Assert.Equal("{}", stdout.Trim());
    }

    private static (int ExitCode, string Stdout, string Stderr) RunDecoder(byte[] input)
    {
        var decoder = Path.Combine(AppContext.BaseDirectory, "Hakiri.TomlDecoder.dll");
        Assert.True(File.Exists(decoder), $"The decoder was not built next to the tests at {decoder}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(decoder);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(30_000), "The decoder did not finish within 30 seconds.");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
