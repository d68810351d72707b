namespace Hakiri.Embeddings;

/// <summary>
/// Opens providers by model (OWNED BY THE EMBEDDINGS HELPER: public members are the contract). OpenAI-compatible
/// endpoints are always available; local models only once a host registers a factory for them (the CLI registers the
/// ONNX one; the Lambda package does not carry ONNX Runtime).
/// </summary>
public sealed class EmbeddingProviders
{
    /// <summary>The variable holding the bearer token sent to OpenAI-compatible endpoints.</summary>
    public const string ApiKeyVariable = "HAKIRI_EMBEDDINGS_API_KEY";

    // One client for the process: endpoints are few and sockets are pooled; per-request timeouts are set by the provider.
    private static readonly HttpClient SharedHttp = new() { Timeout = Timeout.InfiniteTimeSpan };

    private readonly Func<string, string?> _environment;
    private readonly HttpClient _http;
    private Func<EmbeddingModel, IEmbeddingProvider>? _local;

    /// <summary>Creates a registry with the OpenAI-compatible provider only.</summary>
    /// <param name="environment">Reads variables such as <c>HAKIRI_EMBEDDINGS_API_KEY</c>; the process environment when null.</param>
    /// <param name="http">The HTTP client for endpoints; one shared by the process when null.</param>
    public EmbeddingProviders(Func<string, string?>? environment = null, HttpClient? http = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _http = http ?? SharedHttp;
    }

    /// <summary>Adds the factory of local models.</summary>
    public EmbeddingProviders WithLocal(Func<EmbeddingModel, IEmbeddingProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _local = factory;
        return this;
    }

    /// <summary>Opens a provider for <paramref name="model"/>.</summary>
    /// <exception cref="EmbeddingException">The model cannot run here; one sentence saying why and what to do.</exception>
    public IEmbeddingProvider Open(EmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model.Kind)
        {
            case EmbeddingModelKind.OpenAiCompatible:
                var key = _environment(ApiKeyVariable);
                return new OpenAiCompatibleProvider(model, _http, string.IsNullOrWhiteSpace(key) ? null : key.Trim());
            case EmbeddingModelKind.Local when _local is not null:
                return _local(model);
            default:
                throw new EmbeddingException(
                    $"The local embedding model {model.Id} cannot run in this host (it carries no ONNX Runtime); "
                    + "embed with the hakiri CLI or use an openai-compatible:<url>#<model> endpoint.");
        }
    }
}
