using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Tests;

public sealed class SchemaEvolutionTests
{
    private const string Manifest = "[project]\nname = \"p\"\n[pipelines.t.source]\nconnector = \"file\"\npath = \"in/*.csv\"\n";

    [Fact]
    public async Task Run_NewColumn_IsAddedAndOlderRowsReadNull()
    {
        using var project = new TestProject(Manifest);
        project.Write("in/1.csv", "id,name\n1,a\n");
        await project.RunAsync();
        project.Write("in/2.csv", "id,name,colour\n2,b,red\n");

        await project.RunAsync();

        Assert.Equal([null, "red"], project.Query("SELECT colour FROM t ORDER BY id").Select(r => r[0]));
        using var catalog = project.Catalog();
        Assert.Contains(catalog.GetTable("t")!.Columns, c => c.Name == "colour" && c.Type == "VARCHAR");
    }

    [Fact]
    public async Task Run_TypeWidens_ColumnIsWidenedAndFilesStayReadableByPlainGlob()
    {
        using var project = new TestProject(Manifest);
        project.Write("in/1.csv", "id,amount\n1,5\n");
        await project.RunAsync();
        project.Write("in/2.csv", "id,amount\n2,7.25\n");

        await project.RunAsync();

        using var catalog = project.Catalog();
        Assert.Equal("DOUBLE", catalog.GetTable("t")!.Columns.Single(c => c.Name == "amount").Type);
        Assert.Equal([5.0, 7.25], project.Query("SELECT amount FROM t ORDER BY id").Select(r => (double)r[0]!));
        Assert.Single(project.DataFiles("t"));
    }

    [Fact]
    public async Task Run_TextThatParsesAsTheColumnType_IsAccepted()
    {
        using var project = new TestProject(Manifest);
        project.Write("in/1.csv", "id,amount\n1,5\n");
        await project.RunAsync();
        project.Write("in/2.csv", "id,amount\n2,\n");

        await project.RunAsync();

        Assert.Equal(2, project.Count("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task Run_IncompatibleType_FailsNamingFileRowAndColumn()
    {
        using var project = new TestProject(Manifest);
        project.Write("in/1.csv", "id,amount\n1,5\n");
        await project.RunAsync();
        project.Write("in/2.csv", "id,amount\n2,6\n3,six\n");

        var error = await Assert.ThrowsAsync<StepFailedException>(() => project.RunAsync());

        Assert.Equal(StepErrors.SchemaIncompatible, error.ErrorName);
        Assert.StartsWith("write failed for table t: in/2.csv row 2, column 'amount': value 'six' is VARCHAR", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, project.Count("SELECT count(*) FROM t"));
    }
}
