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

    /// <summary>Parses a model identifier.</summary>
    /// <exception cref="FormatException">Not a model identifier; the message is one sentence saying what is accepted.</exception>
    public static EmbeddingModel Parse(string text) => throw new NotImplementedException();
}

/// <summary>Where a model runs.</summary>
public enum EmbeddingModelKind
{
    /// <summary>In-process, from model files on this machine.</summary>
    Local,

    /// <summary>An HTTP endpoint speaking OpenAI's <c>/v1/embeddings</c>.</summary>
    OpenAiCompatible,
}
