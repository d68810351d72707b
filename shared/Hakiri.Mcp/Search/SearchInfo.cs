namespace Hakiri.Mcp.Search;

/// <summary>How a search was answered, for the response's <c>search</c> object.</summary>
/// <param name="Plan">filter_then_bm25, bm25_then_filter, filter_then_exact, ann_then_filter, hybrid_rrf (with its first stage).</param>
/// <param name="FilterRows">Rows the structured filter admits, when it was counted to choose the plan.</param>
/// <param name="FilterRowsEstimated">Whether <paramref name="FilterRows"/> is an estimate (a broad filter, sampled) rather than a count.</param>
/// <param name="Candidates">Rows the indexes proposed in the last round.</param>
/// <param name="Rounds">Rounds of over-fetching needed to fill the limit after filtering.</param>
/// <param name="Model">The embedding model of the vector part, if any.</param>
/// <param name="Notes">Anything the caller should know (rows not indexed yet, a model that could not run).</param>
internal sealed record SearchInfo(string Plan, long? FilterRows, bool FilterRowsEstimated, int Candidates, int Rounds, string? Model, IReadOnlyList<string> Notes);
