using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hakiri.Memory;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri memory list|export|delete</c>: the user's view of what agents remembered — the rows of the store's
/// <c>memory</c> table — with a tar export and permanent deletion (docs/memory.md).
/// </summary>
internal static class MemoryCommand
{
    public static Command Create() => new("memory", "Inspect, export and delete what agents remembered (the store's memory table).")
    {
        List(), Export(), Delete(),
    };

    private static Command List()
    {
        var agent = new Option<string?>("--agent") { Description = "Only this agent's rows." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var manifest = ProjectOptions.Manifest();
        var command = new Command("list", "List memory rows, oldest first: id, agent, created_at, tags and text.") { agent, format, manifest };
        command.SetAction(parse => Local(parse, manifest, (session, output, _) =>
        {
            var rows = MemoryReader.List(session.Layout, parse.GetValue(agent));
            if (parse.GetValue(format) == "json")
            {
                WriteJson(output, rows);
            }
            else if (rows.Count == 0)
            {
                output.WriteLine(parse.GetValue(agent) is { } a ? $"Agent '{a}' has no memory in this store." : "No memory yet: no agent has written any.");
            }
            else
            {
                foreach (var row in rows)
                {
                    var tags = row.Tags.Count == 0 ? string.Empty : " [" + string.Join(", ", row.Tags) + "]";
                    output.WriteLine($"{row.Id}  {row.Writer.Agent}  {row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}{tags}  {row.Text}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export()
    {
        var agent = new Option<string?>("--agent") { Description = "Only this agent's rows." };
        var output = new Option<string>("--output", "-o") { Description = "The tar file to write (its folder is created).", Required = true };
        var manifest = ProjectOptions.Manifest();
        var command = new Command("export", "Write memory rows to a tar: memory.parquet (every column, provenance included) and manifest.json (count, agents, exported_at, columns, sha256).")
        {
            agent, output, manifest,
        };
        command.SetAction(parse => Local(parse, manifest, (session, stdout, _) =>
        {
            var result = MemoryExport.Write(session.Layout, parse.GetValue(agent), parse.GetValue(output)!);
            stdout.WriteLine($"exported {result.Count} memory row(s) of {string.Join(", ", result.Agents.DefaultIfEmpty("no agent"))} to {result.Path} (memory.parquet sha256 {result.ParquetSha256})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Delete()
    {
        var ids = new Option<string[]>("--id") { Description = "A memory id to delete (repeatable).", AllowMultipleArgumentsPerToken = false };
        var agent = new Option<string?>("--agent") { Description = "Delete every row this agent wrote." };
        var manifest = ProjectOptions.Manifest();
        var command = new Command("delete", "Delete memory rows for good: the files and indexes holding them are rewritten without them.") { ids, agent, manifest };
        command.SetAction((parse, cancellationToken) => LocalAsync(parse, manifest, async (session, output, error) =>
        {
            var idList = parse.GetValue(ids) ?? [];
            var who = parse.GetValue(agent);
            if ((idList.Length == 0) == (who is null))
            {
                await error.WriteLineAsync("hakiri: memory delete takes --id ID (repeatable) or --agent NAME, not both and not neither.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            using var stores = MemoryStores.Open(session);
            var deletion = who is null
                ? await stores.Store!.DeleteAsync(idList, owner: null, cancellationToken).ConfigureAwait(false)
                : await stores.Store!.DeleteAgentAsync(who, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"deleted {deletion.Ids.Count} memory row(s) for good ({deletion.FilesRewritten} file(s) rewritten): {string.Join(", ", deletion.Ids)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int Local(ParseResult parse, Option<string> manifest, Func<StoreSession, TextWriter, TextWriter, int> body) =>
        LocalAsync(parse, manifest, (session, output, error) => Task.FromResult(body(session, output, error))).GetAwaiter().GetResult();

    // Memory lives in a local store; bad input (unknown id or agent, no memory table) is one sentence and exit 2.
    private static async Task<int> LocalAsync(ParseResult parse, Option<string> manifest, Func<StoreSession, TextWriter, TextWriter, Task<int>> body)
    {
        var error = parse.InvocationConfiguration.Error;
        using var session = ProjectOptions.Load(parse.GetValue(manifest)!, error);
        if (session is null)
        {
            return ExitCodes.BadInput;
        }

        if (session.Mirror is not null)
        {
            await error.WriteLineAsync($"hakiri: memory lives in a local store, and this project's store is {session.Manifest.Store.Display}; run hakiri memory where the store is a local directory.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            return await body(session, parse.InvocationConfiguration.Output, error).ConfigureAwait(false);
        }
        catch (MemoryException e)
        {
            await error.WriteLineAsync($"hakiri: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"hakiri: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            await error.WriteLineAsync($"hakiri: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<MemoryRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", row.Id);
                json.WriteString("text", row.Text);
                json.WriteStartArray("tags");
                foreach (var tag in row.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteString("agent", row.Writer.Agent);
                json.WriteString("host", row.Writer.Host);
                json.WriteString("on_behalf_of", row.Writer.OnBehalfOf);
                json.WriteString("task_id", row.Writer.TaskId);
                json.WriteString("created_at", row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                json.WriteString("run_id", row.RunId);
                json.WriteString("source", row.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
