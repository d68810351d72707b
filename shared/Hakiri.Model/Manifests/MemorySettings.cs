namespace Hakiri.Model.Manifests;

/// <summary>How the store keeps agent memory (<c>[memory]</c>): the memory table is always indexed for full text.</summary>
/// <param name="Model">The embedding model of the memory table's vector index (e.g. <c>all-MiniLM-L6-v2</c>), or <see langword="null"/> for full text only.</param>
public sealed record MemorySettings(string? Model);
