using System.Diagnostics;
using System.Text.Json;
using Hakiri.DuckDb;
using Hakiri.Embeddings;
using Hakiri.Embeddings.Onnx;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store;
using static IndexBench;

/// <summary>
/// context.query through <see cref="ContextToolset"/> in-process, as the MCP server calls it: warm latency (p50/p95 of
/// 100 calls) per plan, and recall@10 of the vector graph against exact cosine top-10 computed by DuckDB.
/// </summary>
internal static class IndexBenchQueries
{
    private const int Calls = 100;

    public static async Task RunAsync(IndexBenchData data, StoreLayout tickets, StoreLayout docs, StoreLayout model, long vectorRows)
    {
        Console.WriteLine($"context.query, in-process ContextToolset, warm, {Calls} calls each (goal in brackets):");
        var words = data.Vocabulary;
        var random = new Random(3);
        string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[40 + random.Next(400)]));
        object Filter() => new Dictionary<string, object> { ["status"] = "open", ["priority"] = new Dictionary<string, object> { [">="] = 3 } };

        using (var store = ContextStore.Open(tickets))
        using (var tools = new ContextToolset(store, embeddings: new EmbeddingProviders().WithOnnx()))
        {
            await TimeAsync(tools, "(a) filter + search, N-row tickets", 50, _ => new { table = "tickets", filter = Filter(), search = Words(2 + random.Next(2)), limit = 10 });
            await TimeAsync(tools, "    search alone, N-row tickets", null, _ => new { table = "tickets", search = Words(2 + random.Next(2)), limit = 10 });
        }

        using (var store = ContextStore.Open(docs))
        using (var tools = new ContextToolset(store, embeddings: new EmbeddingProviders().WithOnnx()))
        {
            var ids = Enumerable.Range(0, Calls).Select(_ => (long)random.NextInt64(vectorRows)).ToArray();
            var answers = await TimeAsync(tools, "(b) similar_to a row, top-10, M-row vectors", 30, i => new { table = "docs", similar_to = new { id = ids[i] }, limit = 10 });
            Recall(docs, ids, answers);
            await TimeAsync(tools, "(c) filter + similar_to + search, M-row both", 80, i => new { table = "docs", filter = Filter(), similar_to = new { id = ids[i] }, search = Words(2), limit = 10 });
            await TimeAsync(tools, "    similar_to a row + selective filter", null, i => new { table = "docs", filter = new { id = new Dictionary<string, object> { ["<"] = 3000 } }, similar_to = new { id = ids[i] }, limit = 10 });
        }

        using (var store = ContextStore.Open(model))
        using (var tools = new ContextToolset(store, embeddings: new EmbeddingProviders().WithOnnx()))
        {
            await TimeAsync(tools, "(b') similar_to text (embeds the query), 2,000-row MiniLM", null, _ => new { table = "tickets", similar_to = Words(5), limit = 10 });
        }
    }

    private static async Task<JsonElement[]> TimeAsync(ContextToolset tools, string label, int? goalMs, Func<int, object> arguments)
    {
        for (var i = 0; i < 5; i++)
        {
            try
            {
                await CallAsync(tools, arguments(Calls - 1 - i));
            }
            catch (InvalidOperationException)
            {
                // Counted below.
            }
        }

        var times = new List<double>(Calls);
        var answers = new JsonElement[Calls];
        var plans = new Dictionary<string, int>(StringComparer.Ordinal);
        string? failure = null;
        for (var i = 0; i < Calls; i++)
        {
            var args = arguments(i);
            var clock = Stopwatch.StartNew();
            try
            {
                answers[i] = await CallAsync(tools, args);
            }
            catch (InvalidOperationException e)
            {
                failure ??= e.Message;
                plans["error"] = plans.GetValueOrDefault("error") + 1;
                continue;
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
            var plan = answers[i].GetProperty("search").GetProperty("plan").GetString()!;
            plans[plan] = plans.GetValueOrDefault(plan) + 1;
        }

        if (times.Count == 0)
        {
            Console.WriteLine($"  {label,-58} every call FAILED: {failure}");
            return answers;
        }

        times.Sort();
        var p50 = times[times.Count / 2];
        var goal = goalMs is { } g ? Invariant($"[goal <= {g} ms p50: {(p50 <= g ? "met" : "MISSED")}]") : "";
        Console.WriteLine(Invariant($"  {label,-58} p50 {p50,7:F1} ms  p95 {times[times.Count * 95 / 100],7:F1} ms  {goal}"));
        Console.WriteLine($"      plans: {string.Join(", ", plans.Select(p => $"{p.Key} x{p.Value}"))}; e.g. {Search(answers.First(a => a.ValueKind == JsonValueKind.Object))}");
        if (failure is not null)
        {
            Console.WriteLine($"      FAILED {plans["error"]} of {Calls}: {failure[..Math.Min(300, failure.Length)]}");
        }

        return answers;
    }

    private static async Task<JsonElement> CallAsync(ContextToolset tools, object arguments)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(arguments))!;
        var result = await tools.CallAsync(ToolNames.Query, json);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"context.query {JsonSerializer.Serialize(arguments)} failed: {JsonSerializer.Serialize(result.Content)}");
        }

        return result.StructuredContent!.Value;
    }

    private static string Search(JsonElement answer) =>
        "{" + string.Join(", ", answer.GetProperty("search").EnumerateObject().Where(p => p.Name != "scores").Select(p => $"{p.Name}: {p.Value}")) + "}";

    // Exact top-10 by cosine distance over the table's Parquet (the row itself left out, as similar_to a row does).
    private static void Recall(StoreLayout docs, long[] ids, JsonElement[] answers)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var files = Path.Combine(docs.Root, "data", "docs", "**", "*.parquet");
        connection.Execute($"CREATE TABLE v AS SELECT id, CAST(embedding AS FLOAT[384]) AS e FROM read_parquet('{files}')");
        var clock = Stopwatch.StartNew();
        double found = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (answers[i].ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var exact = new HashSet<long>();
            using (var reader = connection.Query($"SELECT v.id FROM v, (SELECT e FROM v WHERE id = {ids[i]}) q WHERE v.id <> {ids[i]} ORDER BY array_cosine_distance(v.e, q.e), v.id LIMIT 10"))
            {
                while (reader.Read())
                {
                    exact.Add(reader.GetInt64(0));
                }
            }

            found += answers[i].GetProperty("rows").EnumerateArray().Count(r => exact.Contains(r.GetProperty("id").GetInt64()));
        }

        var recall = found / (ids.Length * 10.0);
        Console.WriteLine(Invariant($"      recall@10 of (b) (ann, no filter) vs exact cosine top-10 (DuckDB, {clock.Elapsed.TotalMilliseconds / ids.Length:F0} ms/query): {recall:F3}  [goal >= 0.95: {(recall >= 0.95 ? "met" : "MISSED")}]"));
    }
}
