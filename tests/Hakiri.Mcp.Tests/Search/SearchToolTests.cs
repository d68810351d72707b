using System.Text.Json;
using Hakiri.Access.Policy;
using Hakiri.Embeddings;
using Hakiri.Embeddings.Onnx;
using Hakiri.Mcp.Tests.Access;
using Hakiri.Mcp.Tools;
using ModelContextProtocol.Protocol;

namespace Hakiri.Mcp.Tests.Search;

/// <summary>
/// context.query with search / similar_to over the quickstart's products, indexed by the real CLI run (BM25 and the
/// local all-MiniLM-L6-v2): ranked rows with score parts and provenance, the plan named, scopes applied.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class SearchToolTests(StoreFixture store) : IDisposable
{
    private readonly ContextToolset _tools = new(store.Store, embeddings: new EmbeddingProviders().WithOnnx());

    public void Dispose() => _tools.Dispose();

    [Fact]
    public async Task Query_SimilarToWithPriceFilter_RanksTheFlaskFirstFromTheAdmittedRows()
    {
        var answer = await QueryAsync(new { table = "products", similar_to = "something to keep drinks cold", filter = new { price = new Dictionary<string, object> { ["<="] = 50 } } });

        var rows = answer.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal("Vacuum flask", rows[0].GetProperty("name").GetString());
        Assert.DoesNotContain(rows, r => r.GetProperty("name").GetString() == "Camping fridge");
        Assert.All(rows, r => Assert.True(r.GetProperty("price").GetDouble() <= 50));
        Assert.True(rows[0].GetProperty("_similarity").GetDouble() > rows[1].GetProperty("_similarity").GetDouble());
        Assert.Equal(rows[0].GetProperty("_score").GetDouble(), rows[0].GetProperty("_similarity").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("_bm25").ValueKind);
        var provenance = rows[0].GetProperty("_provenance");
        Assert.Equal(("products", "data/products.json", 6L), (provenance.GetProperty("table").GetString(), provenance.GetProperty("source").GetString(), provenance.GetProperty("record").GetInt64()));
        var search = answer.GetProperty("search");
        Assert.Equal("filter_then_exact", search.GetProperty("plan").GetString());
        Assert.Equal(5, search.GetProperty("filter_rows").GetInt64());
        Assert.Equal("all-MiniLM-L6-v2", search.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Query_SimilarToAlone_UsesTheGraphAndFindsBothColdKeepers()
    {
        var answer = await QueryAsync(new { table = "products", similar_to = "something to keep drinks cold", limit = 2 });

        Assert.Equal(["Camping fridge", "Vacuum flask"], Names(answer).Order());
        Assert.Equal("ann_then_filter", answer.GetProperty("search").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Query_Search_RanksByBm25()
    {
        var answer = await QueryAsync(new { table = "products", search = "cast iron" });

        Assert.Equal("Cast iron pan", Names(answer)[0]);
        var first = answer.GetProperty("rows")[0];
        Assert.True(first.GetProperty("_bm25").GetDouble() > 0);
        Assert.Equal("bm25_then_filter", answer.GetProperty("search").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Query_SearchAndSimilarTo_FusesBothRankings()
    {
        var answer = await QueryAsync(new { table = "products", search = "blanket", similar_to = "keep drinks cold", limit = 3 });

        var names = Names(answer);
        Assert.Contains("Wool blanket", names);
        Assert.Contains("Vacuum flask", names);
        var blanket = answer.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("name").GetString() == "Wool blanket");
        Assert.True(blanket.GetProperty("_bm25").GetDouble() > 0);
        Assert.StartsWith("hybrid_rrf", answer.GetProperty("search").GetProperty("plan").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"table": "products", "search": "zeppelin"}""")]
    [InlineData("""{"table": "products", "search": "mug", "filter": {"price": {">": 1000}}}""")]
    [InlineData("""{"table": "products", "similar_to": "kettle", "filter": {"category": "none-such"}}""")]
    public async Task Query_NothingMatches_AnswersNoRowsWithANote(string arguments)
    {
        var result = await store.CallAsync(ToolNames.Query, arguments, _tools);

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var answer = result.StructuredContent!.Value;
        Assert.Equal(0, answer.GetProperty("row_count").GetInt32());
        Assert.Contains(answer.GetProperty("columns").EnumerateArray(), c => c.GetProperty("name").GetString() == "_score");
    }

    [Fact]
    public async Task Query_SimilarToARow_FindsRowsLikeItButNotItself()
    {
        var answer = await QueryAsync(new { table = "products", similar_to = new { product_id = "p-6" }, limit = 3 });

        Assert.DoesNotContain("Vacuum flask", Names(answer));
        Assert.Equal("Camping fridge", Names(answer)[0]);
    }

    [Fact]
    public async Task Query_SearchUnderAScope_SeesOnlyAdmittedRowsAndRedactedColumnsAsNull()
    {
        var scope = Scopes.Of(["products"],
            [new TableFilter("products", new Comparison("category", ComparisonOperator.Equal, new StringValue("textiles")), "category = \"textiles\"")],
            ["products.price"]);

        var result = await _tools.CallAsync(scope, ToolNames.Query, new { table = "products", similar_to = "something to keep drinks cold" });

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var rows = result.StructuredContent!.Value.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["Linen apron", "Wool blanket"], rows.Select(r => r.GetProperty("name").GetString()!).Order());
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("price").ValueKind));
    }

    [Theory]
    [InlineData("""{"table": "orders", "search": "shipped"}""", "Table 'orders' has no full-text index")]
    [InlineData("""{"table": "orders", "similar_to": "late"}""", "Table 'orders' has no vector index")]
    [InlineData("""{"sql": "SELECT * FROM products", "search": "mug"}""", "'search' and 'similar_to' go with 'table'")]
    [InlineData("""{"table": "products", "search": "mug", "order_by": ["price"]}""", "'order_by' does not go with 'search'")]
    [InlineData("""{"table": "products", "similar_to": 3}""", "'similar_to' must be text")]
    [InlineData("""{"table": "products", "similar_to": {"product_id": "p-404"}}""", "'similar_to' names no row of 'products'")]
    [InlineData("""{"table": "products", "similar_to": {"category": "kitchen"}}""", "names more than one row")]
    [InlineData("""{"table": "products", "search": "\"unclosed"}""", "'search' cannot be used")]
    public async Task Query_BadSearch_SaysWhatToChange(string arguments, string expected)
    {
        var result = await store.CallAsync(ToolNames.Query, arguments, _tools);

        Assert.True(result.IsError, ReadOnlyAttackTests.Text(result));
        Assert.Contains(expected, ReadOnlyAttackTests.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_Products_TellsTheGuideAndHowToSearch()
    {
        var result = await store.CallAsync(ToolNames.Describe, """{"table": "products"}""", _tools);

        var table = result.StructuredContent!.Value.GetProperty("table");
        Assert.Contains("similar_to", table.GetProperty("agent_description").GetString(), StringComparison.Ordinal);
        var price = table.GetProperty("columns").EnumerateArray().First(c => c.GetProperty("name").GetString() == "price");
        Assert.Equal("Price in euros, tax included.", price.GetProperty("description").GetString());
        var indexes = table.GetProperty("indexes");
        Assert.Equal("all-MiniLM-L6-v2", indexes.GetProperty("vector").GetProperty("model").GetString());
        Assert.Equal("english", indexes.GetProperty("full_text").GetProperty("analyzer").GetString());
        Assert.Contains("search =", indexes.GetProperty("how_to_use").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("SELECT category", table.GetProperty("example_queries")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> QueryAsync(object arguments)
    {
        var result = await store.CallAsync(ToolNames.Query, JsonSerializer.Serialize(arguments), _tools);
        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        return result.StructuredContent!.Value;
    }

    private static List<string> Names(JsonElement answer) =>
        answer.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
}
