using System.CommandLine;
using System.Globalization;
using Hakiri.Access.Tokens;
using Hakiri.Access.Zones;
using Hakiri.Audit;
using Hakiri.Cli.Serving;
using Hakiri.Mcp;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Http;
using Hakiri.Mcp.Memory;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri serve</c>: the context store as an MCP server, over stdio (the default) or Streamable HTTP.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var manifest = ProjectOptions.Manifest();
        var stdio = new Option<bool>("--stdio") { Description = "Serve one client over standard input/output (the default)." };
        var http = new Option<string?>("--http")
        {
            Description = "Serve Streamable HTTP at http://ADDRESS:PORT/mcp instead, e.g. 127.0.0.1:8765 (port 0 picks a free one).",
            HelpName = "ADDRESS:PORT",
        };
        var origins = new Option<string[]>("--allow-origin")
        {
            Description = "A browser origin allowed to call the HTTP endpoint besides loopback ones (repeatable).",
            HelpName = "ORIGIN",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxRows = new Option<int>("--max-rows") { HelpName = "N", Description = "The most rows one query may return.", DefaultValueFactory = _ => new QueryLimits().MaxRows };
        var timeout = new Option<int>("--timeout") { HelpName = "SECONDS", Description = "Seconds a query may run before it is stopped.", DefaultValueFactory = _ => 10 };
        var cache = new Option<int>("--cache-mb")
        {
            Description = "Parquet megabytes of tables to load into memory for faster queries (0: read the files on every query).",
            HelpName = "MB",
            DefaultValueFactory = _ => 256,
        };
        var token = new Option<string?>("--token")
        {
            Description = "The capability token to serve stdio under when the manifest has [access] (default: the HAKIRI_TOKEN environment variable); over HTTP each request sends its own as 'Authorization: Bearer <token>'.",
            HelpName = "TOKEN",
        };
        var zone = new Option<string?>("--zone")
        {
            Description = "The inference zone of a session without a token, e.g. local:device for a local model; data whose zone policy does not allow it is withheld (with a note). A token's own zone always wins.",
            HelpName = "ZONE",
        };
        var memory = new Option<bool>("--memory")
        {
            Description = "On a server without [access] tokens, let agents write memory (memory.write, memory.delete) as agent 'local': an explicit opt-in for a local session. With [access], tokens with write:memory decide.",
        };
        var command = new Command(
            "serve",
            "Serve the store to AI agents over MCP: context.list_tables, context.describe, context.query (read-only), and memory.write, memory.search, memory.delete for agent memory. With [access] in the manifest, callers need a token and see only what it grants.")
        {
            manifest, stdio, http, origins, maxRows, timeout, cache, token, zone, memory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var httpValue = parse.GetValue(http);
            if (parse.GetValue(stdio) && httpValue is not null)
            {
                await error.WriteLineAsync("hakiri: --stdio and --http exclude each other; pick one.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(maxRows) < 1 || parse.GetValue(timeout) < 1 || parse.GetValue(cache) < 0)
            {
                await error.WriteLineAsync("hakiri: --max-rows and --timeout must be at least 1, --cache-mb at least 0.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var zoneValue = parse.GetValue(zone);
            if (zoneValue is not null && InferenceZones.ZoneProblem(zoneValue) is { } zoneProblem)
            {
                await error.WriteLineAsync($"hakiri: --zone {zoneProblem}.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var endpoint = httpValue is null ? null : Endpoints.Parse(httpValue);
            if (httpValue is not null && endpoint is null)
            {
                await error.WriteLineAsync($"hakiri: --http '{httpValue}' is not ADDRESS:PORT (for example 127.0.0.1:8765).").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            using var project = ProjectOptions.Load(parse.GetValue(manifest)!, error);
            if (project is null)
            {
                return ExitCodes.BadInput;
            }

            // An s3:// store is served from a local snapshot of its live files, taken now.
            await project.PrepareForReadingAsync(withData: true, cancellationToken).ConfigureAwait(false);

            var limits = new QueryLimits
            {
                MaxRows = parse.GetValue(maxRows),
                DefaultRows = Math.Min(new QueryLimits().DefaultRows, parse.GetValue(maxRows)),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            using var store = ContextStore.Open(project.Layout, new ContextStoreOptions
            {
                DuckDbSettings = DuckDbSettings(),
                CacheBytes = parse.GetValue(cache) * 1024L * 1024,
            });
            var gate = AccessGates.For(project.Manifest, project.Layout);
            if (gate is not null && zoneValue is not null)
            {
                await error.WriteLineAsync("hakiri serve: --zone is ignored: this store requires tokens, and each caller is in its token's zone ('hakiri token issue --zone').").ConfigureAwait(false);
            }

            var audit = AuditTrail.Open(project.Layout, new AuditOptions { KeyMode = project.Manifest.Access?.AuditKeys ?? AuditKeyMode.Hashed });
            var uploader = project.Mirror is { } mirror ? new AuditUploader(mirror) : null;
            try
            {
                using var memoryStores = MemoryStores.Open(project);
                var memoryTools = new MemoryToolOptions
                {
                    Store = memoryStores.Store,
                    Unavailable = memoryStores.Unavailable,
                    LocalWriter = gate is null && parse.GetValue(memory) ? new Hakiri.Access.Policy.Subject(MemoryToolOptions.LocalAgent, Environment.MachineName) : null,
                };
                using var toolset = new ContextToolset(store, limits, audit, embeddings: LocalEmbeddings.Providers, memory: memoryTools) { Zone = gate is null ? zoneValue : null };
                if (endpoint is null)
                {
                    ServerAccess? access = null;
                    if (gate is not null)
                    {
                        try
                        {
                            // stdio has one caller: its token is verified once, before anything is served.
                            access = new ServerAccess(gate.Admit(parse.GetValue(token) ?? Environment.GetEnvironmentVariable("HAKIRI_TOKEN")));
                        }
                        catch (TokenRejectedException e)
                        {
                            await error.WriteLineAsync($"hakiri: {e.Message}").ConfigureAwait(false);
                            return ExitCodes.BadInput;
                        }
                    }

                    await error.WriteLineAsync($"hakiri serve: MCP over stdio, store {project.Layout.Root}").ConfigureAwait(false);
                    await HakiriMcpServer.RunStdioAsync(HakiriMcpServer.CreateOptions(toolset, HakiriApp.Version, access), cancellationToken).ConfigureAwait(false);
                    return ExitCodes.Ok;
                }

                var httpOptions = new McpHttpOptions { AllowedOrigins = parse.GetValue(origins) ?? [] };
                return await HttpHost.RunAsync(endpoint, toolset, httpOptions, gate is null ? null : gate.Admit, error, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Folds what the journal holds; a store in object storage gets the folded files before its mirror is deleted.
                audit.Dispose();
                if (uploader is not null)
                {
                    await uploader.PushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    // Queries get DuckDB's threads; memory stays bounded unless the environment says otherwise (as for the steps).
    private static Dictionary<string, string> DuckDbSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["memory_limit"] = Environment.GetEnvironmentVariable("HAKIRI_DUCKDB_MEMORY_LIMIT") is { Length: > 0 } memory ? memory : "1GB",
        };
        if (int.TryParse(Environment.GetEnvironmentVariable("HAKIRI_DUCKDB_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads > 0)
        {
            settings["threads"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
