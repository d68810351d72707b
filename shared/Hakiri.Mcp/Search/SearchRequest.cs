using System.Text.Json;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Tools;

namespace Hakiri.Mcp.Search;

/// <summary>
/// The semantic part of a <c>context.query</c> call: <c>search</c> (full text) and/or <c>similar_to</c> (text to
/// embed, or an object naming one row whose vector to start from).
/// </summary>
internal sealed record SearchRequest(string? Text, string? SimilarText, JsonElement? SimilarRow)
{
    public bool Lexical => Text is not null;

    public bool Semantic => SimilarText is not null || SimilarRow is not null;

    /// <summary>The request, or <see langword="null"/> when the call has neither argument.</summary>
    public static SearchRequest? From(ToolArguments args)
    {
        var text = args.String("search");
        var similar = args.Get("similar_to");
        if (text is null && similar is null)
        {
            return null;
        }

        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            throw new ToolErrorException("'search' is empty; give words to look for, \"a quoted phrase\", or a prefix*.");
        }

        return similar switch
        {
            null => new SearchRequest(text, null, null),
            { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()) => new SearchRequest(text, s.GetString(), null),
            { ValueKind: JsonValueKind.Object } o when o.EnumerateObject().Any() => new SearchRequest(text, null, o),
            _ => throw new ToolErrorException(
                "'similar_to' must be text to find rows like (e.g. \"something to keep drinks cold\") or an object naming one row by its columns (e.g. {\"product_id\": \"p-4\"})."),
        };
    }
}
