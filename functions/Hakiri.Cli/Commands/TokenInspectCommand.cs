using System.CommandLine;
using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Access.Tokens;
using Hakiri.Mcp.Access;
using Hakiri.Manifest;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri token inspect TOKEN</c>: what a token says, block by block, and whether this project would honour it.</summary>
internal static class TokenInspectCommand
{
    public static Command Create(TimeProvider clock)
    {
        var tokenArgument = new Argument<string>("TOKEN") { Description = "The token ('-' reads it from standard input)." };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var manifest = ProjectOptions.Manifest();
        var command = new Command("inspect", "Show a token's subject, blocks and expiry, and verify it against the manifest's keys and the store's revocations.")
        {
            tokenArgument, format, manifest,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var token = TokenOptions.Read(parse.GetValue(tokenArgument)!);
            TokenDescription description;
            try
            {
                description = CapabilityTokens.Inspect(token);
            }
            catch (TokenRejectedException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }

            var verdict = Verify(token, parse.GetValue(manifest)!, clock);
            if (parse.GetValue(format) == "json")
            {
                WriteJson(output, description, verdict);
            }
            else
            {
                WriteText(output, description, verdict);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // Verification needs the project's keys; without a manifest the token is only described.
    private static string Verify(string token, string manifestPath, TimeProvider clock)
    {
        if (!File.Exists(manifestPath))
        {
            return $"not checked: no manifest at {manifestPath}";
        }

        var loaded = ManifestLoader.LoadProject(manifestPath);
        if (loaded.Value is not { } project)
        {
            return $"not checked: {manifestPath} does not load ('hakiri validate' says why)";
        }

        if (project.Access is not { } access)
        {
            return $"not checked: {manifestPath} has no [access] section";
        }

        try
        {
            var layout = project.Store is Model.Manifests.LocalStoreLocation local ? new Store.StoreLayout(local.Directory) : null;
            IRevocationList revoked = layout is null ? new NoRevocations() : new CatalogRevocations(layout);
            CapabilityTokens.Verify(token, AccessGates.KeysOf(access), revoked, clock);
            return layout is null ? "valid for this project (revocations live in the remote store and were not checked)" : "valid for this project";
        }
        catch (TokenRejectedException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static void WriteText(TextWriter output, TokenDescription description, string verdict)
    {
        var subject = description.Subject;
        output.WriteLine($"token {description.BlockIds[^1]} signed by key {description.KeyId}");
        output.WriteLine($"subject: agent {subject.Agent}" + (subject.Host is null ? string.Empty : $", host {subject.Host}")
            + (subject.OnBehalfOf is null ? string.Empty : $", on behalf of {subject.OnBehalfOf}") + (subject.TaskId is null ? string.Empty : $", task {subject.TaskId}"));
        output.WriteLine($"zone: {description.Zone ?? "none (data with a zone policy is withheld)"}");
        for (var i = 0; i < description.Blocks.Count; i++)
        {
            var block = description.Blocks[i];
            output.WriteLine($"block {i} ({description.BlockIds[i]}){(i == 0 ? " issued" : " attenuated")}: valid {block.NotBefore:yyyy-MM-dd HH:mm:ss}Z to {block.ExpiresAt:yyyy-MM-dd HH:mm:ss}Z");
            if (block.Tables is { } tables)
            {
                output.WriteLine($"  tables: {string.Join(", ", tables)}");
            }

            if (block.Actions is { } actions)
            {
                output.WriteLine($"  actions: {string.Join(", ", actions)}");
            }

            foreach (var filter in block.Filters)
            {
                output.WriteLine($"  filter: {filter.Table}: {filter.Text}");
            }

            if (block.Redact.Count > 0)
            {
                output.WriteLine($"  redact: {string.Join(", ", block.Redact)}");
            }
        }

        output.WriteLine($"verification: {verdict}");
    }

    private static void WriteJson(TextWriter output, TokenDescription description, string verdict)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("id", description.BlockIds[^1]);
            json.WriteString("key_id", description.KeyId);
            json.WriteStartObject("subject");
            json.WriteString("agent", description.Subject.Agent);
            WriteOptional(json, "host", description.Subject.Host);
            WriteOptional(json, "on_behalf_of", description.Subject.OnBehalfOf);
            WriteOptional(json, "task_id", description.Subject.TaskId);
            json.WriteEndObject();
            json.WriteString("zone", description.Zone);
            json.WriteStartArray("blocks");
            for (var i = 0; i < description.Blocks.Count; i++)
            {
                WriteBlock(json, description.BlockIds[i], description.Blocks[i]);
            }

            json.WriteEndArray();
            json.WriteString("verification", verdict);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteBlock(Utf8JsonWriter json, string id, ScopeBlock block)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("not_before", block.NotBefore);
        json.WriteString("expires_at", block.ExpiresAt);
        WriteList(json, "tables", block.Tables);
        WriteList(json, "actions", block.Actions);
        json.WriteStartArray("filters");
        foreach (var filter in block.Filters)
        {
            json.WriteStringValue($"{filter.Table}: {filter.Text}");
        }

        json.WriteEndArray();
        WriteList(json, "redact", block.Redact);
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private sealed class NoRevocations : IRevocationList
    {
        public bool IsRevoked(string blockId) => false;
    }
}
