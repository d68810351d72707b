using System.Globalization;
using System.Text;
using System.Text.Json;
using Hakiri.Mcp.Store;
using Hakiri.Mcp.Tools;
using Hakiri.Store;
using Hakiri.Testing;

namespace Hakiri.Mcp.Tests.Search;

/// <summary>
/// Searches whose filters admit thousands of rows, with hundreds of rows asked for: filter first below 4,096 admitted rows (counted), over-fetch
/// above (a broad filter's selectivity estimated from the first 20,000 rows); either way the candidates fit the SQL guard and the limit is filled.
/// </summary>
public sealed class SearchScaleTests : IAsyncLifetime
{
    private const int Rows = 25_000;
    private readonly TempDirectory _directory = new();
    private ContextStore _store = null!;
    private ContextToolset _tools = null!;

    public async Task InitializeAsync()
    {
        var csv = new StringBuilder("id,grp,body\n");
        for (var i = 1; i <= Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{i % 2},common ticket about word{i % 50} and parcel{i % 7}\n");
        }

        _directory.Write("in/tickets.csv", csv.ToString());
        _directory.Write("hakiri.toml", """
            [project]
            name = "scale"
            [pipelines.tickets]
            primary_key = ["id"]
            [pipelines.tickets.source]
            connector = "file"
            path = "in/*.csv"
            [pipelines.tickets.indexes]
            fts = ["body"]
            """);
        var run = await Hakiri.RunAsync("run", "-m", _directory.Combine("hakiri.toml"));
        Assert.True(run.ExitCode == 0, run.ToString());
        _store = ContextStore.Open(new StoreLayout(_directory.Combine(".hakiri")));
        _tools = new ContextToolset(_store);
    }

    public Task DisposeAsync()
    {
        _tools.Dispose();
        _store.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("""{"id": {"<=": 3000}}""", "filter_then_bm25", false)]
    [InlineData("""{"id": {">": 100}}""", "bm25_then_filter", true)]
    [InlineData("null", "bm25_then_filter", false)]
    public async Task Query_SearchManyRows_FillsTheLimit(string filter, string plan, bool estimated)
    {
        var arguments = new Dictionary<string, JsonElement>
        {
            ["table"] = JsonDocument.Parse("\"tickets\"").RootElement,
            ["search"] = JsonDocument.Parse("\"common parcel3\"").RootElement,
            ["limit"] = JsonDocument.Parse("500").RootElement,
        };
        if (filter != "null")
        {
            arguments["filter"] = JsonDocument.Parse(filter).RootElement;
        }

        var result = await _tools.CallAsync(ToolNames.Query, arguments);

        Assert.False(result.IsError, ReadOnlyAttackTests.Text(result));
        var answer = result.StructuredContent!.Value;
        Assert.Equal(500, answer.GetProperty("row_count").GetInt32());
        var search = answer.GetProperty("search");
        Assert.Equal(plan, search.GetProperty("plan").GetString());
        Assert.Equal(estimated, search.TryGetProperty("filter_rows_estimated", out _));
        if (plan == "filter_then_bm25")
        {
            Assert.Equal(3000, search.GetProperty("filter_rows").GetInt64());
        }
        var first = answer.GetProperty("rows")[0];
        Assert.Contains("parcel3", first.GetProperty("body").GetString(), StringComparison.Ordinal);
    }
}
