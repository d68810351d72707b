using System.Text.Json;
using Hakiri.Mcp.Tools;

namespace Hakiri.Mcp.Tests.Search;

/// <summary>
/// The promise, end to end: the official TypeScript MCP client asks the real <c>hakiri serve</c> one
/// context.query that mixes a price filter with "something to keep drinks cold", and <c>hakiri query --table</c> answers
/// the same from the command line.
/// </summary>
[Collection(StoreCollection.Name)]
public sealed class SearchClientTests(StoreFixture store)
{
    [Fact]
    public async Task TypeScriptClient_Http_SimilarToWithFilter_GetsRankedRowsWithScoresAndProvenance()
    {
        await using var server = await Hakiri.StartHttpAsync(store.Manifest);
        var call = new
        {
            name = ToolNames.Query,
            arguments = new { table = "products", similar_to = "something to keep drinks cold", filter = new Dictionary<string, object> { ["price"] = new Dictionary<string, object> { ["<="] = 50 } }, limit = 3 },
        };

        var output = await ClientTests.TypeScriptAsync(new { transport = "http", url = server.Url.ToString(), calls = new[] { call } });

        var answer = output.GetProperty("results")[0].GetProperty("structuredContent");
        var rows = answer.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal("Vacuum flask", rows[0].GetProperty("name").GetString());
        Assert.All(rows, r => Assert.True(r.GetProperty("price").GetDouble() <= 50));
        Assert.True(rows[0].GetProperty("_score").GetDouble() >= rows[1].GetProperty("_score").GetDouble());
        Assert.Equal("data/products.json", rows[0].GetProperty("_provenance").GetProperty("source").GetString());
        Assert.Equal("filter_then_exact", answer.GetProperty("search").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task HakiriQuery_TableWithSimilarToAndFilter_PrintsTheSameRanking()
    {
        var result = await Hakiri.RunAsync("query", "-m", store.Manifest, "--table", "products", "--similar-to", "something to keep drinks cold",
            "--filter", """{"price": {"<=": 50}}""", "--limit", "3", "-f", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var answer = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Vacuum flask", answer.RootElement.GetProperty("rows")[0].GetProperty("name").GetString());
        var table = await Hakiri.RunAsync("query", "-m", store.Manifest, "-t", "products", "-s", "cast iron", "-n", "1");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Cast iron pan", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("plan: bm25_then_filter", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HakiriQuery_BadFilterJson_ExitsTwoWithASentence()
    {
        var result = await Hakiri.RunAsync("query", "-m", store.Manifest, "--table", "products", "--search", "mug", "--filter", "price<50");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--filter must be a JSON object", result.Stderr, StringComparison.Ordinal);
    }
}
