namespace Hakiri.Search.Vectors.Graph;

/// <summary>HNSW parameters of the graphs we build and search (ADR 0020 records how they were chosen).</summary>
/// <param name="Connectivity">Edges per node (HNSW M).</param>
/// <param name="ExpansionAdd">Candidates kept while inserting (efConstruction).</param>
/// <param name="ExpansionSearch">Candidates kept while searching (efSearch); at least k is used.</param>
/// <param name="BuildThreads">Threads inserting at once.</param>
/// <param name="SearchThreads">Searches running at once (more callers wait their turn).</param>
internal sealed record VectorGraphOptions(int Connectivity, int ExpansionAdd, int ExpansionSearch, int BuildThreads, int SearchThreads)
{
    /// <summary>Segments with fewer vectors are searched exactly (a scan of a few thousand vectors takes well under a millisecond).</summary>
    public const int MinimumVectors = 2048;

    /// <summary>The parameters we ship.</summary>
    public static VectorGraphOptions Default { get; } = new(
        Connectivity: 16,
        ExpansionAdd: 64,
        ExpansionSearch: 64,
        BuildThreads: Environment.ProcessorCount,
        SearchThreads: Math.Max(4, 2 * Environment.ProcessorCount));

    /// <summary>These options with another search expansion.</summary>
    public VectorGraphOptions WithExpansionSearch(int expansionSearch) => this with { ExpansionSearch = expansionSearch };
}
