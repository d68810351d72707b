using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Hakiri.Cli.Commands;

namespace Hakiri.Cli;

/// <summary>The <c>hakiri</c> command line: builds the command tree and runs it with the given writers.</summary>
internal static class HakiriApp
{
    /// <summary>The product version, from the CLI assembly (not the host process, which differs under test).</summary>
    public static string Version { get; } =
        typeof(HakiriApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// The commit the binary was built from (the HakiriCommit build property scripts/dist.sh sets), or "unknown" for a
    /// build without it.
    /// </summary>
    public static string Commit { get; } =
        typeof(HakiriApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HakiriCommit" && !string.IsNullOrWhiteSpace(a.Value))?.Value ?? "unknown";

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Hakiri pulls records from files, APIs and databases into a context store that AI agents query over MCP.")
        {
            ValidateCommand.Create(),
            SchemaCommand.Create(),
            InitCommand.Create(),
            RunCommand.Create(),
            QueryCommand.Create(),
            CatalogCommands.Tables(),
            CatalogCommands.Runs(),
            AuditCommand.Create(),
            ResetCommand.Create(),
            RedactCommand.Create(),
            MemoryCommand.Create(),
            IndexCommand.Create(),
            SyncCommand.Create(),
            ConnectorCommand.Create(),
            ServeCommand.Create(),
            KeyCommand.Create(),
            TokenCommand.Create(),
            EmitCommand.Create(),
            DeployCommand.CreateDeploy(),
            DeployCommand.CreateDestroy(),
        };
        var version = root.Options.OfType<VersionOption>().Single();
        version.Action = new PrintVersionAction();
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot().Parse(args);
        var problems = parse.Errors.Select(e => e.Message).Concat(UnknownOptions(parse)).ToArray();
        if (problems.Length > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"hakiri: {problem}").ConfigureAwait(false);
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
        catch (Exception e) when (ObjectStores.Describe(e) is { } sentence)
        {
            // The remote store failed after it opened (a role removed, a container deleted mid-run).
            await error.WriteLineAsync($"error: {sentence}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
        catch (DuckDb.DuckDbException e)
        {
            // Reached when DuckDB itself cannot start (no libduckdb.so, a bad HAKIRI_DUCKDB_LIBRARY) or fails mid-step.
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }

    // System.CommandLine binds an unknown "--option" to a positional argument when one is free; report it instead
    // of treating it as, say, a file name.
    private static IEnumerable<string> UnknownOptions(ParseResult parse) =>
        parse.Tokens
            .Where(t => t.Type == TokenType.Argument && t.Value.Length > 1 && t.Value[0] == '-' && !char.IsAsciiDigit(t.Value[1]))
            .Select(t => $"Unrecognized option '{t.Value}'.");

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"{Version}+{Commit}");
            return ExitCodes.Ok;
        }
    }
}
