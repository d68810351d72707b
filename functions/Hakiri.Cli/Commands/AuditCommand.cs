using System.CommandLine;
using Hakiri.Audit;
using Hakiri.Cli.Output;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Store;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri audit</c>: who read what, from the store's audit log.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var table = new Option<string?>("--table") { Description = "Reads that touched this table." };
        var key = new Option<string?>("--key") { Description = "Reads that returned this primary key of --table (as the table holds it)." };
        var agent = new Option<string?>("--agent") { Description = "Reads by this agent." };
        var token = new Option<string?>("--token") { Description = "Reads under this token id." };
        var since = new Option<string?>("--since") { Description = "Reads since a duration ago (90m, 24h, 7d) or an ISO date or instant." };
        var limit = new Option<int>("--limit") { Description = "At most this many reads, newest first.", DefaultValueFactory = _ => 1000 };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var manifest = ProjectOptions.Manifest();
        var command = new Command("audit", "Answer who read a table or a key, or what an agent read, from the store's audit log.")
        {
            table, key, agent, token, since, limit, format, manifest,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            var keyMode = project.Manifest.Access?.AuditKeys ?? AuditKeyMode.Hashed;
            await project.PrepareForReadingAsync(withData: false, cancellationToken).ConfigureAwait(false);
            if (project.Mirror is { } mirror)
            {
                await AuditUploader.PullAsync(mirror, cancellationToken).ConfigureAwait(false);
            }
            var options = new AuditOptions { KeyMode = keyMode };
            var query = new AuditQuery
            {
                Table = parse.GetValue(table),
                Key = parse.GetValue(key),
                Agent = parse.GetValue(agent),
                TokenId = parse.GetValue(token),
                Limit = parse.GetValue(limit),
            };
            return Answer(project.Layout, options, query, parse.GetValue(since), parse.GetValue(format)!, parse.InvocationConfiguration.Output, error);
        });
        return command;
    }

    /// <summary>Runs the query over the store at <paramref name="layout"/> and prints it; the exit code.</summary>
    public static int Answer(StoreLayout layout, AuditOptions options, AuditQuery query, string? since, string format, TextWriter output, TextWriter error)
    {
        if (since is not null)
        {
            if (!AuditQuery.TryParseSince(since, options.Clock.GetUtcNow(), out var instant))
            {
                error.WriteLine($"error: --since '{since}' is neither a duration (90m, 24h, 7d) nor an ISO date or instant (2026-12-01, 2026-12-01T08:00:00Z); give one of those");
                return ExitCodes.BadInput;
            }

            query = query with { Since = instant };
        }

        if (query.Key is not null && query.Table is null)
        {
            error.WriteLine($"error: --key '{query.Key}' names a row of a table; add --table (for example --table customers --key {query.Key})");
            return ExitCodes.BadInput;
        }

        if (query.Limit < 1)
        {
            error.WriteLine($"error: --limit {query.Limit} must be at least 1");
            return ExitCodes.BadInput;
        }

        try
        {
            var entries = AuditLog.Open(layout, options).Query(query);
            AuditWriter.Write(entries, query, format, output);
            return ExitCodes.Ok;
        }
        catch (DuckDbException e)
        {
            error.WriteLine($"error: the audit log under {layout.Absolute("audit")} could not be read: {e.Message.Split('\n')[0]}");
            return ExitCodes.RunFailed;
        }
    }
}
