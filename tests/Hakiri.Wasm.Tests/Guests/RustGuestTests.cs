using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Hakiri.Testing;
using Hakiri.Wasm.Build;

namespace Hakiri.Wasm.Tests.Guests.Rust;

/// <summary>The Rust SDK's build and output: core modules that implement the world, an Arrow stream others can read.</summary>
[Collection(RustGuestCollection.Name)]
public sealed partial class RustGuestTests(RustGuestFixture fixture)
{
    private static readonly string[] HakiriModules = ["hakiri:connector/host@0.1.0", "[export]hakiri:connector/source@0.1.0"];

    private static readonly string[] WorldExports =
    [
        "memory",
        "cabi_realloc",
        "hakiri:connector/source@0.1.0#discover",
        "hakiri:connector/source@0.1.0#open",
        "hakiri:connector/source@0.1.0#acknowledge",
        "hakiri:connector/source@0.1.0#[method]read-handle.next",
        "hakiri:connector/source@0.1.0#[dtor]read-handle",
        "cabi_post_hakiri:connector/source@0.1.0#discover",
        "cabi_post_hakiri:connector/source@0.1.0#open",
        "cabi_post_hakiri:connector/source@0.1.0#acknowledge",
        "cabi_post_hakiri:connector/source@0.1.0#[method]read-handle.next",
    ];

    [Fact]
    public async Task Build_Items_ImportsOnlyHakiriModulesAndExportsTheWorld() => await AssertCoreModuleAsync(fixture.ItemsWasm);

    [Fact]
    public async Task Build_Template_ImportsOnlyHakiriModulesAndExportsTheWorld() => await AssertCoreModuleAsync(fixture.TemplateWasm);

    [Fact]
    public async Task Componentize_Items_ImplementsSourceConnector() => await AssertComponentizesAsync(fixture.ItemsWasm);

    [Fact]
    public async Task Componentize_Template_ImplementsSourceConnector() => await AssertComponentizesAsync(fixture.TemplateWasm);

    [Fact]
    public async Task FindToolchainProblem_NoRustc_NamesTheDebianPackages()
    {
        var problem = await RustGuestBuild.FindToolchainProblemAsync("/nonexistent/rustc");

        Assert.Contains("rustc libstd-rust-dev-wasm32", problem?.Replace(" and ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_NoLibRs_SaysWhereTheCodeGoes()
    {
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<RustGuestBuildException>(
            () => RustGuestBuild.BuildAsync(temp.Path, RustGuestFixture.SdkDirectory, temp.Combine("x.wasm")));

        Assert.Contains("src/lib.rs beside connector.toml", error.Message);
    }

    [Fact]
    public async Task Build_CompileError_CarriesRustcsMessage()
    {
        using var temp = new TempDirectory();
        temp.Write("src/lib.rs", "fn broken() -> u32 { \"text\" }\n");

        var error = await Assert.ThrowsAsync<RustGuestBuildException>(
            () => RustGuestBuild.BuildAsync(temp.Path, RustGuestFixture.SdkDirectory, temp.Combine("x.wasm")));

        Assert.Contains("mismatched types", error.Message);
    }

    [Fact]
    public async Task ArrowWriter_SampleStream_ApacheArrowReadsEveryValue()
    {
        await using var stream = File.OpenRead(fixture.ArrowSampleStream);
        using var reader = new ArrowStreamReader(stream);

        var batch = await reader.ReadNextRecordBatchAsync();
        Assert.NotNull(batch);
        Assert.Equal(["id", "name", "score", "active", "note", "all_set"], reader.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal([false, true, true, true, true, false], reader.Schema.FieldsList.Select(f => f.IsNullable));
        Assert.IsType<Int64Type>(reader.Schema.GetFieldByName("id").DataType);
        Assert.IsType<StringType>(reader.Schema.GetFieldByName("name").DataType);
        Assert.IsType<DoubleType>(reader.Schema.GetFieldByName("score").DataType);
        Assert.IsType<BooleanType>(reader.Schema.GetFieldByName("active").DataType);
        Assert.Equal(4, batch.Length);

        var ids = (Int64Array)batch.Column("id");
        Assert.Equal([1L, -9007199254740993L, long.MaxValue, 0L], Enumerable.Range(0, 4).Select(i => ids.GetValue(i)!.Value));
        var names = (StringArray)batch.Column("name");
        Assert.Equal(["Zoë Ångström", "emoji 😀 \"quoted\" \\ tab\t", null, ""], Enumerable.Range(0, 4).Select(i => names.GetString(i)));
        Assert.Equal(1, names.NullCount);
        var scores = (DoubleArray)batch.Column("score");
        Assert.Equal([4.5, -12.5, null, 0.001], Enumerable.Range(0, 4).Select(i => scores.GetValue(i)));
        var actives = (BooleanArray)batch.Column("active");
        Assert.Equal([true, false, null, true], Enumerable.Range(0, 4).Select(i => actives.GetValue(i)));
        var notes = (StringArray)batch.Column("note");
        Assert.Equal([null, null, "日本語", "line\nbreak / slash"], Enumerable.Range(0, 4).Select(i => notes.GetString(i)));
        Assert.Equal(2, notes.NullCount);
        var allSet = (BooleanArray)batch.Column("all_set");
        Assert.Equal([true, false, true, true], Enumerable.Range(0, 4).Select(i => allSet.GetValue(i)));
        Assert.Equal(0, allSet.NullCount);

        Assert.Null(await reader.ReadNextRecordBatchAsync());
    }

    private static async Task AssertCoreModuleAsync(string wasm)
    {
        var wat = await ExternalProcess.RunAsync("wasm2wat", [wasm]);
        Assert.True(wat.ExitCode == 0, wat.ToString());

        var imports = ImportPattern().Matches(wat.Stdout).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(imports);
        Assert.All(imports, module => Assert.Contains(module, HakiriModules));
        var exports = ExportPattern().Matches(wat.Stdout).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.All(WorldExports, name => Assert.Contains(name, exports));
    }

    private static async Task AssertComponentizesAsync(string wasm)
    {
        var result = await Componentizer.RunAsync(wasm);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("export hakiri:connector/source@0.1.0;", result.Stdout);
        Assert.Contains("import hakiri:connector/host@0.1.0;", result.Stdout);
    }

    [GeneratedRegex("""\(import "([^"]+)" "[^"]+" """)]
    private static partial Regex ImportPattern();

    [GeneratedRegex("""\(export "([^"]+)" """)]
    private static partial Regex ExportPattern();
}
