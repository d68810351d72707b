using Hakiri.Embeddings;
using Hakiri.Memory;

namespace Hakiri.Cli.Commands;

/// <summary>
/// The project's memory writer: a <see cref="MemoryStore"/> over a local store, embedding with <c>[memory] model</c>
/// when set. Object stores are refused: memory writes commit to a local catalog under its store lock (docs/memory.md).
/// </summary>
internal sealed class MemoryStores : IDisposable
{
    private readonly IEmbeddingProvider? _embedder;

    private MemoryStores(MemoryStore? store, IEmbeddingProvider? embedder, string? unavailable)
    {
        Store = store;
        _embedder = embedder;
        Unavailable = unavailable;
    }

    public MemoryStore? Store { get; }

    /// <summary>Why there is no <see cref="Store"/>, as one sentence.</summary>
    public string? Unavailable { get; }

    public static MemoryStores Open(StoreSession session)
    {
        if (session.Mirror is not null)
        {
            return new MemoryStores(null, null,
                $"Memory writes need a local store, and this project's store is {session.Manifest.Store.Display} in object storage; point [project] store at a local directory (and share it with hakiri sync) to keep agent memory.");
        }

        var model = session.Manifest.Memory?.Model;
        IEmbeddingProvider? embedder = null;
        if (model is not null)
        {
            try
            {
                embedder = LocalEmbeddings.Providers.Open(EmbeddingModel.Parse(model));
            }
            catch (EmbeddingException e)
            {
                Console.Error.WriteLine($"hakiri: memory is indexed for full text only here: {e.Message}");
                model = null;
            }
        }

        var store = new MemoryStore(session.Layout, new MemoryStoreOptions { Project = session.Manifest.Name, Model = model, Embedder = embedder });
        return new MemoryStores(store, embedder, null);
    }

    public void Dispose()
    {
        Store?.Dispose();
        _embedder?.Dispose();
    }
}
