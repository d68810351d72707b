using System.Security.Cryptography;
using System.Text;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Tests.Redaction;

/// <summary>The write step keeps redacted values out of every file of the store, first load and upsert alike.</summary>
public sealed class RedactWriteTests
{
    private const string Salt = "pepper-for-tests";
    private const string Sentinel = "sentinel-7f3a@example.com";

    private static string Manifest(string redact, string extra = "") => $$"""
        [project]
        name = "p"
        [pipelines.customers]
        primary_key = ["id"]
        redact = {{redact}}
        [pipelines.customers.source]
        connector = "file"
        path = "in/customers/*.csv"
        {{extra}}
        """;

    [Fact]
    public async Task Run_RedactDrop_ColumnAndValuesAbsentFromEveryFile()
    {
        using var project = new TestProject(Manifest("[\"email\"]"));
        project.Write("in/customers/1.csv", $"id,name,email\n1,Ann,{Sentinel}\n2,Bob,b@example.com\n");
        await project.RunAsync();
        project.Write("in/customers/2.csv", $"id,name,email\n2,Bobby,{Sentinel}\n3,Cy,c@example.com\n");

        await project.RunAsync();

        Assert.Equal(["id", "name"], StoreBytes.Columns(project.Layout).Where(c => !c.StartsWith("_hakiri_", StringComparison.Ordinal)));
        Assert.Equal(["Ann", "Bobby", "Cy"], StoreBytes.Query(project.Layout, "SELECT name FROM files ORDER BY id").Select(r => r[0]));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, "b@example.com"));
        using var catalog = project.Catalog();
        Assert.DoesNotContain(catalog.GetTable("customers")!.Columns, c => c.Name == "email");
        var recorded = catalog.GetRedaction("customers")!;
        Assert.Equal(["email"], recorded.Columns);
        Assert.Equal(("drop", null), (recorded.Mode, recorded.SaltFingerprint));
    }

    [Fact]
    public async Task Run_RedactHash_EqualValuesHashEqualAcrossTablesAsHmacOfTheirText()
    {
        var orders = """
            [pipelines.orders]
            primary_key = ["order_id"]
            redact = { columns = ["email"], mode = "hash" }
            [pipelines.orders.source]
            connector = "file"
            path = "in/orders/*.csv"
            """;
        using var project = new TestProject(Manifest("{ columns = [\"email\", \"phone\"], mode = \"hash\" }", orders))
        {
            Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = Salt },
        };
        project.Write("in/customers/1.csv", $"id,email,phone\n1,{Sentinel},5551234\n2,,5559876\n3,{Sentinel},\n");
        project.Write("in/orders/1.csv", $"order_id,email\n10,{Sentinel}\n11,other@example.com\n");

        await project.RunAsync();

        var customers = project.Query("SELECT email, phone FROM customers ORDER BY id");
        var expected = Hmac(Sentinel);
        Assert.Equal([expected, null, expected], customers.Select(r => r[0]));
        Assert.Equal([Hmac("5551234"), Hmac("5559876"), null], customers.Select(r => r[1]));
        Assert.Equal(1, project.Count("SELECT count(*) FROM customers c JOIN orders o ON c.email = o.email WHERE c.id = 1"));
        Assert.Matches("^[0-9a-f]{64}$", (string)customers[0][0]!);
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Salt));
        using var catalog = project.Catalog();
        Assert.Equal("VARCHAR", catalog.GetTable("customers")!.Columns.Single(c => c.Name == "phone").Type);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Salt)))[..16], catalog.GetRedaction("customers")!.SaltFingerprint);
    }

    [Fact]
    public async Task Run_RedactHashWithoutSalt_FailsWithSentenceAndWritesNothing()
    {
        using var project = new TestProject(Manifest("{ columns = [\"email\"], mode = \"hash\" }"))
        {
            Environment = new Dictionary<string, string>(),
        };
        project.Write("in/customers/1.csv", $"id,email\n1,{Sentinel}\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.Equal(
            "discover failed: Pipeline 'customers' hashes redacted columns (email) but HAKIRI_REDACTION_SALT is not set; set it to the project's secret salt "
            + "(on AWS, map it under [deploy.aws] secrets) and run again — nothing was written.", error.Message);
        Assert.Empty(project.DataFiles("customers"));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
    }

    private static string Hmac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Salt), Encoding.UTF8.GetBytes(text)));
}
