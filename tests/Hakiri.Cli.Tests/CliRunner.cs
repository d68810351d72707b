using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>Runs the <c>hakiri</c> command line in-process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<ProcessResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HakiriApp.RunAsync(args, output, error);
        return new ProcessResult(code, output.ToString(), error.ToString());
    }
}
