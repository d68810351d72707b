using Hakiri.Embeddings;
using Hakiri.Embeddings.Onnx;

namespace Hakiri.Cli.Commands;

/// <summary>The CLI's embedding models: OpenAI-compatible endpoints, and local models through ONNX Runtime (which the Lambda package does not carry).</summary>
internal static class LocalEmbeddings
{
    private static readonly Lazy<EmbeddingProviders> Shared = new(() => new EmbeddingProviders().WithOnnx());

    public static EmbeddingProviders Providers => Shared.Value;
}
