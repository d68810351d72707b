using System.Text.Json;
using Azure.Storage.Blobs;
using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>The quickstart through the hakiri CLI against a store in Azure Blob Storage (Azurite on 127.0.0.1).</summary>
[Collection("azurite")]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite)
{
    private const string ContentHash = """
        SELECT (SELECT md5(string_agg(r, '|' ORDER BY r)) FROM (SELECT CAST(COLUMNS(* EXCLUDE (_hakiri_run_id, _hakiri_ingested_at)) AS VARCHAR) FROM orders) AS o(r))
            || (SELECT md5(string_agg(CAST(c AS VARCHAR), '|' ORDER BY CAST(c AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM customers) AS c)
            || (SELECT md5(string_agg(CAST(p AS VARCHAR), '|' ORDER BY CAST(p AS VARCHAR))) FROM (SELECT * EXCLUDE (_hakiri_run_id, _hakiri_ingested_at) FROM products) AS p) AS h
        """;

    private const string Orders = "SELECT order_id, customer_id, amount, status FROM orders ORDER BY order_id";

    [Fact]
    public async Task Cli_QuickstartOnBlobStore_LandsTheRowsOfALocalRun()
    {
        var container = await azurite.NewContainerAsync();
        using var local = Samples.CopyQuickstart();
        using var onBlob = AzuriteFixture.Quickstart(container, "shop");
        var manifest = onBlob.Combine("hakiri.toml");

        var localRun = await HakiriProcess.RunAsync("run", "-m", local.Combine("hakiri.toml"));
        var blobRun = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "run", "-m", manifest);
        var count = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "query", "-m", manifest, "-f", "csv", "SELECT count(*) AS n FROM orders");

        Assert.True(localRun.ExitCode == 0, localRun.ToString());
        Assert.True(blobRun.ExitCode == 0, blobRun.ToString());
        Assert.Equal("n\n9\n", count.Stdout);
        Assert.Equal(await HashAsync(local.Combine("hakiri.toml"), null), await HashAsync(manifest, azurite.Server.Environment));
        Assert.False(Directory.Exists(onBlob.Combine(".hakiri")), "an azblob store must leave no local store behind");
        var names = await NamesAsync(container);
        Assert.Contains("shop/catalog.sqlite", names);
        Assert.Contains(names, n => n.StartsWith("shop/data/orders/", StringComparison.Ordinal) && n.EndsWith(".parquet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cli_SecondRunWithNoChanges_CommitsNoNewData()
    {
        var container = await azurite.NewContainerAsync();
        using var project = AzuriteFixture.Quickstart(container, "again");
        var manifest = project.Combine("hakiri.toml");
        var first = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "run", "-m", manifest);
        var data = (await NamesAsync(container)).Where(n => n.Contains("/data/", StringComparison.Ordinal)).ToArray();

        var second = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "run", "-m", manifest, "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(second.Stdout, "\"rows_added\": 0"));
        Assert.Equal(data, (await NamesAsync(container)).Where(n => n.Contains("/data/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Serve_Stdio_AnswersLikeQueryAndDuckDbReadsTheDownloadedParquet()
    {
        var container = await azurite.NewContainerAsync();
        using var project = AzuriteFixture.Quickstart(container, "mcp");
        var manifest = project.Combine("hakiri.toml");
        var run = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "run", "-m", manifest);
        Assert.True(run.ExitCode == 0, run.ToString());
        var cli = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "query", "-m", manifest, "-f", "json", Orders);
        Assert.True(cli.ExitCode == 0, cli.ToString());

        // The TypeScript SDK's stdio transport passes the child only a safe list of variables: env hands on the account.
        var spec = new
        {
            transport = "stdio",
            command = "env",
            args = new[] { $"AZURE_STORAGE_CONNECTION_STRING={azurite.Server.ConnectionString}", "dotnet", Path.Combine(AppContext.BaseDirectory, "hakiri.dll"), "serve", "-m", manifest },
            calls = new[] { new { name = "context.query", arguments = new { sql = Orders } } },
        };
        var mcp = await ExternalProcess.RunAsync("node", [RepoPaths.Of("tests", "tools", "mcp-client.mjs"), JsonSerializer.Serialize(spec)], timeout: TimeSpan.FromMinutes(2));

        Assert.True(mcp.ExitCode == 0, mcp.ToString());
        var rows = JsonDocument.Parse(mcp.Stdout).RootElement.GetProperty("results")[0].GetProperty("structuredContent").GetProperty("rows");
        Assert.Equal(9, rows.GetArrayLength());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(cli.Stdout).RootElement, rows), $"cli {cli.Stdout} vs mcp {rows}");

        // The server's audit log outlives its mirror: folded into the container when it stopped, read back by 'hakiri audit'.
        var audit = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "audit", "-m", manifest, "--table", "orders", "-f", "json");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("context.query", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains((await NamesAsync(container)), n => n.StartsWith("mcp/audit/day=", StringComparison.Ordinal));

        using var download = new TempDirectory();
        var names = await NamesAsync(container);
        await container.GetBlobClient("mcp/catalog.sqlite").DownloadToAsync(download.Combine("catalog.sqlite"));
        var live = await PlainReaders.Sqlite3Async(download.Combine("catalog.sqlite"), "SELECT path FROM files WHERE table_name = 'orders'");
        foreach (var path in live)
        {
            Assert.Contains("mcp/" + path, names);
            await container.GetBlobClient("mcp/" + path).DownloadToAsync(download.Combine(Path.GetFileName(path)));
        }

        var duck = await PlainReaders.DuckDbAsync($"SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS total FROM read_parquet('{download.Path}/*.parquet')");
        var expected = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "query", "-m", manifest, "-f", "csv", "SELECT sum(amount)::DOUBLE AS total FROM orders");
        Assert.Equal(9, duck[0].GetProperty("n").GetInt32());
        Assert.Equal(double.Parse(expected.Stdout.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture), duck[0].GetProperty("total").GetDouble());
    }

    private static async Task<string> HashAsync(string manifest, IReadOnlyDictionary<string, string>? environment)
    {
        var result = environment is null
            ? await HakiriProcess.RunAsync("query", "-m", manifest, "-f", "csv", ContentHash)
            : await HakiriProcess.RunWithEnvironmentAsync(environment, "query", "-m", manifest, "-f", "csv", ContentHash);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
    }

    private static async Task<List<string>> NamesAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync())
        {
            names.Add(item.Name);
        }

        return names;
    }
}
