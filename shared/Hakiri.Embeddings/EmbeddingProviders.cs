namespace Hakiri.Embeddings;

/// <summary>
/// Opens providers by model (OWNED BY THE EMBEDDINGS HELPER: public members are the contract). OpenAI-compatible
/// endpoints are always available; local models only once a host registers a factory for them (the CLI registers the
/// ONNX one; the Lambda package does not carry ONNX Runtime).
/// </summary>
public sealed class EmbeddingProviders
{
    /// <summary>Creates a registry with the OpenAI-compatible provider only.</summary>
    /// <param name="environment">Reads variables such as <c>HAKIRI_EMBEDDINGS_API_KEY</c>; the process environment when null.</param>
    /// <param name="http">The HTTP client for endpoints; a new one when null.</param>
    public EmbeddingProviders(Func<string, string?>? environment = null, HttpClient? http = null) => throw new NotImplementedException();

    /// <summary>Adds the factory of local models.</summary>
    public EmbeddingProviders WithLocal(Func<EmbeddingModel, IEmbeddingProvider> factory) => throw new NotImplementedException();

    /// <summary>Opens a provider for <paramref name="model"/>.</summary>
    /// <exception cref="EmbeddingException">The model cannot run here; one sentence saying why and what to do.</exception>
    public IEmbeddingProvider Open(EmbeddingModel model) => throw new NotImplementedException();
}
