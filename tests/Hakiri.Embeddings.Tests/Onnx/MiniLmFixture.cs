using Hakiri.Embeddings.Onnx;

namespace Hakiri.Embeddings.Tests.Onnx;

/// <summary>One all-MiniLM-L6-v2 session for the collection, from the files the build copied beside the tests.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Provider = LocalModels.Open(EmbeddingModel.Parse(EmbeddingModel.DefaultLocal));
    }

    public static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2");

    public IEmbeddingProvider Provider { get; }

    public void Dispose() => Provider.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
