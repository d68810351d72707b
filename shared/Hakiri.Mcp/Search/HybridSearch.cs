using System.Text.Json;
using Hakiri.Embeddings;
using Hakiri.Mcp.Access;
using Hakiri.Mcp.Query;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Search.FullText;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Search;

/// <summary>
/// Answers <c>search</c> / <c>similar_to</c> on one table in one call, choosing the plan from statistics: a filter
/// that admits few rows runs first and the indexes score only those rows (exact vector distances); a broad filter (or
/// none) lets the indexes propose candidates, over-fetched and filtered, fetching more until the limit is filled or the
/// matches run out; both arguments fuse BM25 and vector rankings by reciprocal rank.
/// </summary>
internal sealed class HybridSearch(SearchIndexes indexes, QueryRunner runner, FilterProbe probe)
{
    // Candidates travel to DuckDB as a VALUES list under the SQL guard's length cap (about 40 characters each).
    private const int MaxCandidates = 2_000;
    private const int MaxRounds = 4;

    public async Task<(QueryResult Result, SearchInfo Info)> RunAsync(SearchRequest request, TableRecord table, string where, IReadOnlyList<object?> parameters,
        int limit, StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken)
    {
        var index = indexes.For(table.Name, (int)table.FileCount) ?? throw new ToolErrorException(NoIndex(table.Name, request.Lexical ? "full-text" : "vector", Declared(table.Name)));
        var notes = Coverage(index, request);
        var source = new CandidateSource(indexes, index);
        var lexical = request.Text is null ? null : ParseQuery(request.Text, index);
        (float[]? Vector, RowKey? Exclude) semantic = request.Semantic
            ? await QueryVectorAsync(request, index, source, table, snapshot, scoped, cancellationToken).ConfigureAwait(false)
            : (null, null);
        var (vector, exclude) = semantic;

        // A scope's row filters narrow like a filter, so a scoped caller counts through its view as well.
        (long Rows, bool Exact)? count = where.Length > 0 || scoped?.Find(table.Name)?.Grant.Filters.Count > 0
            ? await probe.CountAsync(table.Name, where, parameters, table.RowCount, snapshot, scoped, cancellationToken).ConfigureAwait(false)
            : null;
        long? admittedCount = count?.Rows;
        HashSet<RowKey>? admitted = count is { Exact: true } && admittedCount <= FilterProbe.SelectiveRows
            ? await probe.KeysAsync(table.Name, where, parameters, FilterProbe.SelectiveRows, snapshot, scoped, cancellationToken).ConfigureAwait(false)
            : null;
        var plan = Plan(request, admitted is not null);
        // Filter first: the indexes scored only admitted rows, so the best `limit` of them are the answer.
        var fetch = admitted is not null ? limit : Fetch(limit, admittedCount, table.RowCount);
        for (var round = 1; ; round++)
        {
            var proposed = Candidates(source, lexical, vector, exclude, fetch, admitted);
            var candidates = SearchSql.Fitting(table.Name, proposed, where, limit);
            var result = await runner.RunAsync(new QueryPlan(SearchSql.Compose(table.Name, candidates, where, limit), parameters, limit), snapshot, scoped, cancellationToken)
                .ConfigureAwait(false);
            var exhausted = proposed.Count < fetch || admitted is not null;
            if (result.RowCount >= limit || exhausted || round == MaxRounds || fetch >= MaxCandidates || candidates.Count < proposed.Count)
            {
                if (result.RowCount < limit && !exhausted)
                {
                    notes.Add($"Fewer rows than asked: the filter admits few of the {candidates.Count} best matches the index proposed; narrow the filter (a filter admitting at most {FilterProbe.SelectiveRows} rows is applied first) or rephrase.");
                }

                if (candidates.Count == 0)
                {
                    notes.Add("Nothing in the index matched; try other words, a prefix*, or similar_to for meaning rather than wording.");
                }

                return (result, new SearchInfo(plan, admittedCount, count is { Exact: false }, candidates.Count, round, request.Semantic ? index.Model ?? "stored embeddings" : null, notes));
            }

            fetch = Math.Min(MaxCandidates, fetch * 4);
        }
    }

    private static List<Candidate> Candidates(CandidateSource source, FtsQuery? lexical, float[]? vector, RowKey? exclude, int fetch, HashSet<RowKey>? admitted)
    {
        var words = lexical is null ? null : source.Lexical(lexical, Math.Max(fetch, 100), admitted);
        var meaning = vector is null ? null : source.Semantic(vector, Math.Max(fetch, 100), admitted, exclude);
        if (words is not null && meaning is not null)
        {
            return Rrf.Fuse(words, meaning).Take(fetch).ToList();
        }

        return (words ?? meaning!).Take(fetch).ToList();
    }

    private static string Plan(SearchRequest request, bool filterFirst) => (request.Lexical, request.Semantic, filterFirst) switch
    {
        (true, true, true) => "hybrid_rrf (filter first, then BM25 and exact vector distances over the admitted rows)",
        (true, true, false) => "hybrid_rrf (BM25 and approximate nearest neighbours, over-fetched, then filtered)",
        (true, false, true) => "filter_then_bm25",
        (true, false, false) => "bm25_then_filter",
        (false, true, true) => "filter_then_exact",
        _ => "ann_then_filter",
    };

    // Broad filters keep about admitted/total of what the index proposes: fetch enough for the limit to survive that.
    private static int Fetch(int limit, long? admitted, long total)
    {
        var keep = admitted is { } a && total > 0 ? Math.Max(a, 1) / (double)total : 1.0;
        return (int)Math.Clamp(Math.Ceiling(limit * 2 / keep), limit, MaxCandidates);
    }

    private FtsQuery ParseQuery(string text, TableSearchIndex index)
    {
        if (index.FullText.Count == 0)
        {
            throw new ToolErrorException(NoIndex(index.Table, "full-text", Declared(index.Table)));
        }

        try
        {
            return FtsQuery.Parse(text, index.Analyzer);
        }
        catch (FormatException e)
        {
            throw new ToolErrorException($"'search' cannot be used: {e.Message}", e);
        }
    }

    private async Task<(float[]? Vector, RowKey? Exclude)> QueryVectorAsync(SearchRequest request, TableSearchIndex index, CandidateSource source, TableRecord table,
        StoreSnapshot snapshot, ScopedTables? scoped, CancellationToken cancellationToken)
    {
        if (index.Vectors.Count == 0)
        {
            throw new ToolErrorException(NoIndex(index.Table, "vector", Declared(index.Table)));
        }

        if (request.SimilarText is { } text)
        {
            if (index.Model is not { } model)
            {
                throw new ToolErrorException($"Table '{table.Name}' has a vector index over stored embeddings, so text cannot be compared with it; pass similar_to as a row, e.g. {{\"{Key(table)}\": …}}.");
            }

            try
            {
                var vectors = await indexes.Embedder(model).EmbedAsync([text], cancellationToken).ConfigureAwait(false);
                return (vectors[0], null);
            }
            catch (EmbeddingException e)
            {
                throw new ToolErrorException($"'similar_to' text could not be embedded: {e.Message}", e);
            }
        }

        var parameters = new List<object?>();
        var where = FilterCompiler.Compile(request.SimilarRow!.Value, parameters);
        var keys = await probe.KeysAsync(table.Name, where, parameters, 1, snapshot, scoped, cancellationToken).ConfigureAwait(false);
        var key = keys.Count switch
        {
            0 => throw new ToolErrorException($"'similar_to' names no row of '{table.Name}'; name one row by its key, e.g. {{\"{Key(table)}\": …}}."),
            > 1 => throw new ToolErrorException($"'similar_to' names more than one row of '{table.Name}'; name exactly one, e.g. by its key {{\"{Key(table)}\": …}}."),
            _ => keys.First(),
        };
        var vector = source.VectorOf(key)
            ?? throw new ToolErrorException($"The row 'similar_to' names has no vector yet (its text is empty, or the index step has not run since it was written).");
        return (vector, key);
    }

    private static List<string> Coverage(TableSearchIndex index, SearchRequest request)
    {
        var notes = new List<string>();
        var (kind, segments) = request.Lexical ? ("full-text", index.FullText.Count) : ("vector", index.Vectors.Count);
        if (segments > 0 && segments < index.LiveFiles)
        {
            notes.Add($"{index.LiveFiles - segments} of the table's {index.LiveFiles} data files have no {kind} index yet (the index step has not run since they were written); their rows cannot match until it does.");
        }

        return notes;
    }

    private static string Key(TableRecord table) => table.PrimaryKey.Count > 0 ? table.PrimaryKey[0] : "column";

    // The index kinds the table's pipeline declares (from its guide), to tell "not built yet" from "not declared".
    private string Declared(string table) => indexes.Guides.TryGetValue(table, out var guide) ? guide : string.Empty;

    private static string NoIndex(string table, string kind, string guide) =>
        guide.Contains(kind == "full-text" ? "\"fts\"" : "\"vector\"", StringComparison.Ordinal)
            ? $"Table '{table}' declares a {kind} index that is not built yet (or could not be built where the pipeline ran: see the run's index message); run the pipeline, or 'hakiri index rebuild {table}'."
            : NotDeclared(table, kind);

    private static string NotDeclared(string table, string kind) => kind == "full-text"
        ? $"Table '{table}' has no full-text index, so 'search' cannot be used on it; declare one ([pipelines.<name>.indexes] fts = [\"<text column>\"]) and run the pipeline, or use 'filter' with ilike."
        : $"Table '{table}' has no vector index, so 'similar_to' cannot be used on it; declare one ([pipelines.<name>.indexes] vector = {{ column = \"<text column>\", model = \"all-MiniLM-L6-v2\" }}) and run the pipeline.";
}
