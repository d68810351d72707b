using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Redaction;

namespace Hakiri.Steps.Tests.Redaction;

/// <summary>A changed redaction on stored data is refused by a run and applied by <see cref="RedactApply"/>.</summary>
public sealed class RedactApplyTests
{
    private const string Sentinel = "sentinel-91bd@example.com";

    private static string Manifest(string redact) => $$"""
        [project]
        name = "p"
        [pipelines.customers]
        primary_key = ["id"]
        {{redact}}
        [pipelines.customers.source]
        connector = "file"
        path = "in/*.csv"
        """;

    [Fact]
    public async Task Run_RedactionAddedOverStoredData_RefusesThenApplyRewritesEveryLiveFile()
    {
        using var project = new TestProject(Manifest(string.Empty));
        project.Write("in/1.csv", $"id,name,email\n1,Ann,{Sentinel}\n");
        await project.RunAsync();
        project.Write("in/2.csv", $"id,name,email\n2,Bob,{Sentinel}\n");
        await project.RunAsync();
        project.Write("hakiri.toml", Manifest("redact = [\"email\"]"));
        project.Write("in/3.csv", $"id,name,email\n3,Cy,{Sentinel}\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.Contains("Table 'customers' holds data written under no redaction, but pipeline 'customers' now asks for redact drop (email); "
            + "run `hakiri redact apply customers` to rewrite the stored files under the new redaction, then run again — nothing was written.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, project.Count("SELECT count(*) FROM customers"));

        var result = RedactApply.Run(project.Context(), "customers", "20261202T000000Z-aaaaaa");

        Assert.Equal((2, 2L, "email"), (result.FilesRewritten, result.RowsRewritten, string.Join(",", result.Dropped)));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        Assert.DoesNotContain("email", StoreBytes.Columns(project.Layout));
        Assert.Equal(["Ann", "Bob"], StoreBytes.Query(project.Layout, "SELECT name FROM files ORDER BY id").Select(r => r[0]));
        await project.RunAsync();
        Assert.Equal(3, project.Count("SELECT count(*) FROM customers"));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        using var catalog = project.Catalog();
        Assert.Equal(["email"], catalog.GetRedaction("customers")!.Columns);
        Assert.DoesNotContain(catalog.GetTable("customers")!.Columns, c => c.Name == "email");
    }

    [Fact]
    public async Task Apply_HashedColumnRemovedFromList_KeepsHashesAndSaysSo()
    {
        using var project = new TestProject(Manifest("redact = { columns = [\"email\"], mode = \"hash\" }"))
        {
            Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = "s1" },
        };
        project.Write("in/1.csv", $"id,email\n1,{Sentinel}\n");
        await project.RunAsync();
        var hashed = project.Query("SELECT email FROM customers")[0][0];
        project.Write("hakiri.toml", Manifest(string.Empty));

        var result = RedactApply.Run(project.Context(), "customers", "20261202T000000Z-bbbbbb");

        Assert.Equal((0, "email"), (result.FilesRewritten, string.Join(",", result.Unrecoverable)));
        Assert.Equal(hashed, project.Query("SELECT email FROM customers")[0][0]);
        using var catalog = project.Catalog();
        Assert.Empty(catalog.GetRedaction("customers")!.Columns);
    }

    [Fact]
    public async Task Apply_SaltChangedOverHashedValues_Refuses()
    {
        using var project = new TestProject(Manifest("redact = { columns = [\"email\"], mode = \"hash\" }"))
        {
            Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = "s1" },
        };
        project.Write("in/1.csv", $"id,email\n1,{Sentinel}\n");
        await project.RunAsync();
        project.Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = "s2" };

        var error = Assert.Throws<StepFailedException>(() => RedactApply.Run(project.Context(), "customers", "20261202T000000Z-cccccc"));

        Assert.Equal(StepErrors.BadInput, error.ErrorName);
        Assert.Contains("hashed under salt fingerprint", error.Message, StringComparison.Ordinal);
        Assert.Contains("a hash cannot be re-keyed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_PlainColumnNowHashed_RewritesWithHashes()
    {
        using var project = new TestProject(Manifest(string.Empty))
        {
            Environment = new Dictionary<string, string> { ["HAKIRI_REDACTION_SALT"] = "s1" },
        };
        project.Write("in/1.csv", $"id,email\n1,{Sentinel}\n2,\n");
        await project.RunAsync();
        project.Write("hakiri.toml", Manifest("redact = { columns = [\"email\"], mode = \"hash\" }"));

        var result = RedactApply.Run(project.Context(), "customers", "20261202T000000Z-dddddd");

        Assert.Equal("email", string.Join(",", result.Hashed));
        Assert.Empty(StoreBytes.FilesContaining(project.Layout, Sentinel));
        var emails = project.Query("SELECT email FROM customers ORDER BY id").Select(r => r[0]).ToArray();
        Assert.Matches("^[0-9a-f]{64}$", (string)emails[0]!);
        Assert.Null(emails[1]);
    }

    [Fact]
    public async Task Open_CatalogWithoutRedactionTable_AddsItAndReadsNone()
    {
        using var project = new TestProject(Manifest(string.Empty));
        project.Write("in/1.csv", "id,email\n1,a@example.com\n");
        await project.RunAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={project.Layout.CatalogPath};Pooling=false"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE table_redactions";
            drop.ExecuteNonQuery();
        }

        using var catalog = project.Catalog();

        Assert.Null(catalog.GetRedaction("customers"));
        Assert.Equal(1, catalog.GetTable("customers")!.RowCount);
    }
}
