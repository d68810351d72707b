using System.Text.Json;
using Hakiri.Cli.Output;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;

namespace Hakiri.Cli.Commands;

/// <summary>What <c>hakiri query --table</c> asks for.</summary>
internal sealed record SearchOptions(string? Table, string? Search, string? SimilarTo, string? Filter, int Limit);

/// <summary>
/// <c>hakiri query --table T --search … --similar-to … --filter …</c>: the same call an agent makes with
/// <c>context.query</c>, answered by the same planner, printed as a table, CSV or the tool's JSON.
/// </summary>
internal static class SearchCommand
{
    public static async Task<int> RunAsync(StoreSession project, SearchOptions options, string format, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["table"] = JsonElement(JsonSerializer.Serialize(options.Table!, CliJsonContext.Default.String)),
            ["limit"] = JsonElement(options.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (options.Search is not null)
        {
            arguments["search"] = JsonElement(JsonSerializer.Serialize(options.Search, CliJsonContext.Default.String));
        }

        if (options.SimilarTo is { } similar)
        {
            // An object names a row; anything else is text to embed.
            arguments["similar_to"] = similar.TrimStart().StartsWith('{') && TryJson(similar) is { } row
                ? row
                : JsonElement(JsonSerializer.Serialize(similar, CliJsonContext.Default.String));
        }

        if (options.Filter is { } filter)
        {
            if (TryJson(filter) is not { ValueKind: JsonValueKind.Object } parsed)
            {
                await error.WriteLineAsync($"error: --filter must be a JSON object such as {{\"price\": {{\"<=\": 50}}}}; got: {filter}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            arguments["filter"] = parsed;
        }

        using var store = ContextStore.Open(project.Layout);
        // Whoever runs the CLI reads the store on this device (plain 'hakiri query SQL' reads everything); data whose zone
        // policy excludes the device is still withheld, and said so on stderr.
        using var toolset = new ContextToolset(store, embeddings: LocalEmbeddings.Providers) { Zone = "local:device" };
        var result = await toolset.CallAsync(ToolNames.Query, arguments, cancellationToken).ConfigureAwait(false);
        if (result.IsError == true)
        {
            var text = result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().FirstOrDefault()?.Text ?? "the query failed";
            await error.WriteLineAsync("error: " + text).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        AnswerWriter.Write(result.StructuredContent!.Value, format, output);
        if (result.StructuredContent.Value.TryGetProperty("withheld", out var withheld))
        {
            foreach (var item in withheld.EnumerateArray())
            {
                await error.WriteLineAsync("note: " + item.GetProperty("note").GetString()).ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    private static JsonElement JsonElement(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static JsonElement? TryJson(string text)
    {
        try
        {
            return JsonElement(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
