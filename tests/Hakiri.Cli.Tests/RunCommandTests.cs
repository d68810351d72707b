using System.Text.Json;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_Quickstart_StoreIsReadableWithoutHakiri()
    {
        using var dir = Samples.CopyQuickstart();
        var manifest = dir.Combine("hakiri.toml");

        var run = await CliRunner.RunAsync("run", "-m", manifest);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("run ", run.Stdout, StringComparison.Ordinal);
        var store = dir.Combine(".hakiri");
        var plain = await PlainReaders.DuckDbAsync($"SELECT count(*) AS n, count(DISTINCT order_id) AS k FROM '{store}/data/orders/**/*.parquet'");
        Assert.Equal("9", plain[0].GetProperty("n").ToString());
        Assert.Equal("9", plain[0].GetProperty("k").ToString());
        var catalog = await PlainReaders.Sqlite3Async(Path.Combine(store, "catalog.sqlite"), "SELECT name || '=' || row_count FROM tables ORDER BY name");
        Assert.Equal(["customers=4", "orders=9", "products=8"], catalog);
        var status = await PlainReaders.Sqlite3Async(Path.Combine(store, "catalog.sqlite"), "SELECT status FROM runs");
        Assert.Equal(["succeeded"], status);
    }

    [Fact]
    public async Task Run_Quickstart_DataFilesReadTheSameInAnotherParquetReader()
    {
        using var dir = Samples.CopyQuickstart();
        var run = await CliRunner.RunAsync("run", "-m", dir.Combine("hakiri.toml"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var store = dir.Combine(".hakiri");

        // The data files use Parquet's version 2 pages and encodings (ADR 0031): a reader other than DuckDB must give
        // the same rows, text and numbers alike.
        foreach (var table in new[] { "customers", "orders", "products" })
        {
            var files = Directory.GetFiles(Path.Combine(store, "data", table), "*.parquet", SearchOption.AllDirectories);
            var other = await PlainReaders.ParquetAsync(files);
            var duck = await PlainReaders.DuckDbAsync($"SELECT * FROM read_parquet('{store}/data/{table}/**/*.parquet')");
            Assert.NotEmpty(duck);
            Assert.Equal(Rows(duck), Rows(other));
        }
    }

    // Each row as "column=value" pairs in column order, rows sorted; numbers, dates and times in one form (hyparquet
    // gives a DATE as midnight UTC and times to the millisecond). The ingestion time is left out: it has microseconds.
    private static string[] Rows(JsonElement[] rows) =>
        rows.Select(row => string.Join("; ", row.EnumerateObject().Where(p => p.Name != "_hakiri_ingested_at").Select(p => $"{p.Name}={Value(p.Value)}")))
            .Order(StringComparer.Ordinal).ToArray();

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String when decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)
            => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        _ => value.ToString(),
    };

    [Fact]
    public async Task Query_Formats_MatchTheCatalog()
    {
        using var dir = Samples.CopyQuickstart();
        var manifest = dir.Combine("hakiri.toml");
        await CliRunner.RunAsync("run", "-m", manifest);

        var csv = await CliRunner.RunAsync("query", "-m", manifest, "-f", "csv", "SELECT order_id, status FROM orders WHERE order_id IN (1001, 1008) ORDER BY 1");
        var json = await CliRunner.RunAsync("query", "-m", manifest, "-f", "json", "SELECT count(*) AS n FROM customers");
        var table = await CliRunner.RunAsync("query", "-m", manifest, "SELECT name FROM products ORDER BY price DESC LIMIT 1");

        Assert.Equal("order_id,status\n1001,shipped\n1008,refunded\n", csv.Stdout.Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.Contains("\"n\": 4", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("Camping fridge", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("(1 row)", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BadSql_ExitsTwoNamingTheTables()
    {
        using var dir = Samples.CopyQuickstart();
        var manifest = dir.Combine("hakiri.toml");
        await CliRunner.RunAsync("run", "-m", manifest);

        var result = await CliRunner.RunAsync("query", "-m", manifest, "SELECT * FROM nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("tables: customers, orders, products", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedCsv_ExitsTwoWithFileAndLine()
    {
        using var dir = Samples.CopyQuickstart();
        dir.Write("data/orders/2026-03.csv", "order_id,customer_id,product_id,ordered_at,quantity,amount,currency,status\n2001,c-1,p-1,2026-03-01T00:00:00Z,1,1.0,EUR,new\n2002,c-1\n");

        var result = await CliRunner.RunAsync("run", "-m", dir.Combine("hakiri.toml"), "orders");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("data/orders/2026-03.csv:3: malformed CSV", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine(".hakiri", "data", "orders")));
    }

    [Fact]
    public async Task Run_MissingSourceDirectory_ExitsTwoWithManifestLocation()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", "[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"nowhere/*.csv\"\n");

        var result = await CliRunner.RunAsync("run", "-m", manifest);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{manifest}:5:8: error: the directory 'nowhere'", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine(".hakiri")));
    }

    [Fact]
    public async Task Run_UnknownPipeline_ExitsTwo()
    {
        using var dir = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("run", "-m", dir.Combine("hakiri.toml"), "ordres");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no pipeline named 'ordres'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TablesAndRuns_AfterARun_DescribeTheStore()
    {
        using var dir = Samples.CopyQuickstart();
        var manifest = dir.Combine("hakiri.toml");
        await CliRunner.RunAsync("run", "-m", manifest, "--json");

        var tables = await CliRunner.RunAsync("tables", "-m", manifest);
        var runs = await CliRunner.RunAsync("runs", "-m", manifest);

        Assert.Contains("orders: 9 rows in 2 file(s)", tables.Stdout, StringComparison.Ordinal);
        Assert.Contains("primary key: order_id", tables.Stdout, StringComparison.Ordinal);
        Assert.Contains("succeeded", runs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_PrintsTheSummary()
    {
        using var dir = Samples.CopyQuickstart();

        var result = await CliRunner.RunAsync("run", "-m", dir.Combine("hakiri.toml"), "--json", "customers");

        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var table = json.RootElement.GetProperty("tables")[0];
        Assert.Equal("customers", table.GetProperty("table").GetString());
        Assert.Equal(4, table.GetProperty("rows_added").GetInt64());
    }
}
