using Hakiri.Embeddings;

namespace Hakiri.Embeddings.Onnx;

/// <summary>Local models run through ONNX Runtime (OWNED BY THE EMBEDDINGS HELPER: public members are the contract).</summary>
public static class LocalModels
{
    /// <summary>
    /// Opens a local model, finding its files in <c>HAKIRI_MODELS_DIR</c>, then <c>models/</c> beside the running
    /// program, then <c>../lib/models/</c> relative to it (the release bundle).
    /// </summary>
    /// <exception cref="EmbeddingException">Unknown local model or its files are missing.</exception>
    public static IEmbeddingProvider Open(EmbeddingModel model) => throw new NotImplementedException();
}
