using System.CommandLine;
using Hakiri.Cli.Commands;

namespace Hakiri.Cli;

/// <summary>The <c>hakiri</c> command line: builds the command tree and runs it with the given writers.</summary>
internal static class HakiriApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Hakiri pulls records from files, APIs and databases into a context store that AI agents query over MCP.")
        {
            ValidateCommand.Create(),
            SchemaCommand.Create(),
            InitCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"hakiri: {problem.Message}").ConfigureAwait(false);
            }

            var command = string.Join(' ', parse.CommandResult.Command.Name == parse.RootCommandResult.Command.Name
                ? ["hakiri"]
                : new[] { "hakiri", parse.CommandResult.Command.Name });
            await error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("hakiri: cancelled").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }
}
