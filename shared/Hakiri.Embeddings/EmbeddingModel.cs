namespace Hakiri.Embeddings;

/// <summary>
/// An embedding model as a manifest names it (OWNED BY THE EMBEDDINGS HELPER: public members are the contract):
/// a local model (<c>all-MiniLM-L6-v2</c>) or an OpenAI-compatible endpoint
/// (<c>openai-compatible:http://127.0.0.1:8080/v1#bge-small</c>). <see cref="Id"/> is the canonical text, stored with every vector.
/// </summary>
public sealed record EmbeddingModel(string Id, EmbeddingModelKind Kind, Uri? Endpoint, string Name)
{
    /// <summary>The default local model.</summary>
    public const string DefaultLocal = "all-MiniLM-L6-v2";

    /// <summary>The prefix of OpenAI-compatible model identifiers.</summary>
    public const string OpenAiCompatiblePrefix = "openai-compatible:";

    private const string Accepted =
        "use all-MiniLM-L6-v2 (local) or openai-compatible:<http(s) base URL such as http://127.0.0.1:8080/v1>#<model name>";

    /// <summary>Parses a model identifier.</summary>
    /// <exception cref="FormatException">Not a model identifier; the message is one sentence saying what is accepted.</exception>
    public static EmbeddingModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (string.Equals(trimmed, DefaultLocal, StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, "sentence-transformers/" + DefaultLocal, StringComparison.OrdinalIgnoreCase))
        {
            return new EmbeddingModel(DefaultLocal, EmbeddingModelKind.Local, null, DefaultLocal);
        }

        if (trimmed.StartsWith(OpenAiCompatiblePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ParseOpenAiCompatible(text, trimmed[OpenAiCompatiblePrefix.Length..]);
        }

        throw new FormatException($"The embedding model '{text}' is not known; {Accepted}.");
    }

    /// <summary>Parses a model identifier, or returns false when <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out EmbeddingModel? model)
    {
        model = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            model = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    private static EmbeddingModel ParseOpenAiCompatible(string text, string rest)
    {
        var hash = rest.LastIndexOf('#');
        var name = hash < 0 ? string.Empty : rest[(hash + 1)..].Trim();
        var baseText = hash < 0 ? rest : rest[..hash].Trim().TrimEnd('/');
        if (name.Length == 0)
        {
            throw new FormatException($"The embedding model '{text}' names no model after '#'; {Accepted}.");
        }

        if (!Uri.TryCreate(baseText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            throw new FormatException($"The embedding model '{text}' has no http(s) base URL before '#'; {Accepted}.");
        }

        return new EmbeddingModel(OpenAiCompatiblePrefix + baseText + "#" + name, EmbeddingModelKind.OpenAiCompatible, endpoint, name);
    }
}

/// <summary>Where a model runs.</summary>
public enum EmbeddingModelKind
{
    /// <summary>In-process, from model files on this machine.</summary>
    Local,

    /// <summary>An HTTP endpoint speaking OpenAI's <c>/v1/embeddings</c>.</summary>
    OpenAiCompatible,
}
