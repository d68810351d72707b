using Hakiri.Embeddings;

namespace Hakiri.Memory;

/// <summary>How a <see cref="MemoryStore"/> writes.</summary>
public sealed record MemoryStoreOptions
{
    /// <summary>Stamps <c>created_at</c>, ids and run ids.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long a write waits for another hakiri process (a run, an index rebuild) to release the store.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The project name the run records of memory writes carry.</summary>
    public string Project { get; init; } = MemoryTable.Name;

    /// <summary>The embedding model's name (e.g. <c>all-MiniLM-L6-v2</c>) for the vector index; <see langword="null"/>: full text only.</summary>
    public string? Model { get; init; }

    /// <summary>Embeds <c>text</c> with <see cref="Model"/>; not disposed by the store.</summary>
    public IEmbeddingProvider? Embedder { get; init; }

    /// <summary>When a write leaves more live files than this, they are merged into one (with their indexes) in the same write.</summary>
    public int CompactAt { get; init; } = 64;

    /// <summary>The longest text accepted, in characters.</summary>
    public int MaxTextLength { get; init; } = 32_768;
}
