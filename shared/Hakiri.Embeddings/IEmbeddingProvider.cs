namespace Hakiri.Embeddings;

/// <summary>Turns texts into vectors with one model. Implementations are thread-safe.</summary>
public interface IEmbeddingProvider : IDisposable
{
    /// <summary>The model.</summary>
    EmbeddingModel Model { get; }

    /// <summary>
    /// Embeds <paramref name="texts"/> (one vector each, in order, every vector of the same dimension; local models
    /// return unit-length vectors). Callers pass bounded batches (a few hundred texts); providers may split further.
    /// </summary>
    /// <exception cref="EmbeddingException">The model failed or the endpoint refused; the message is one sentence.</exception>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
