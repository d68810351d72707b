using Hakiri.Connectors.Cassettes;
using Hakiri.Testing;
using Hakiri.Wasm.Build;

namespace Hakiri.Wasm.Tests.Guests.C;

/// <summary>The C guests (items, hostile, the template) build with <see cref="CGuestBuild"/>, import only Hakiri's interfaces, and componentize against the world.</summary>
[Collection(CGuestsCollection.Name)]
public sealed class CGuestTests(CGuestsFixture guests)
{
    private static readonly HashSet<(string, string)> AllowedImports =
    [
        ("hakiri:connector/host@0.1.0", "log"),
        ("hakiri:connector/host@0.1.0", "now-ms"),
        ("hakiri:connector/host@0.1.0", "config"),
        ("hakiri:connector/host@0.1.0", "env"),
        ("hakiri:connector/host@0.1.0", "http-fetch"),
        ("[export]hakiri:connector/source@0.1.0", "[resource-new]read-handle"),
        ("[export]hakiri:connector/source@0.1.0", "[resource-rep]read-handle"),
        ("[export]hakiri:connector/source@0.1.0", "[resource-drop]read-handle"),
    ];

    public static TheoryData<string> Guests => new() { "items", "hostile", "template" };

    [Theory]
    [MemberData(nameof(Guests))]
    public void BuildAsync_Guest_WritesCoreModule(string guest)
    {
        var build = Build(guest);
        Assert.True(build.Succeeded, build.Error);
        Assert.Contains("-mexec-model=reactor", build.CommandLine, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Guests))]
    public void BuildAsync_Guest_ImportsOnlyHakiriInterfaces(string guest)
    {
        var imports = WasmImports.Read(File.ReadAllBytes(Module(guest)));
        Assert.Contains(("hakiri:connector/host@0.1.0", "config"), imports);
        Assert.Contains(("[export]hakiri:connector/source@0.1.0", "[resource-new]read-handle"), imports);
        Assert.All(imports, import => Assert.Contains(import, AllowedImports));
    }

    [Theory]
    [MemberData(nameof(Guests))]
    public async Task Componentize_Guest_ImplementsSourceConnector(string guest)
    {
        var result = await Componentizer.RunAsync(Module(guest));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("export hakiri:connector/source@0.1.0;", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("import hakiri:connector/host@0.1.0;", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildAsync_TemplateWithoutOutputPath_NamesModuleAfterManifest()
    {
        Assert.Equal(Path.Combine(guests.TemplateCopy, "my-items.wasm"), guests.Template.WasmPath);
    }

    [Fact]
    public void TemplateCassette_Load_HoldsBothPagesTheTemplateRequests()
    {
        var cassette = Cassette.Load(Path.Combine(guests.TemplateCopy, "fixtures", "cassette.json"));
        Assert.Equal(
            ["https://api.example.com/items?limit=100", "https://api.example.com/items?limit=100&after=2"],
            cassette.Interactions.Select(i => i.Request.Url));
        Assert.All(cassette.Interactions, i => Assert.Equal(200, i.Response.Status));
        Assert.Contains("\"has_more\":true", cassette.Interactions[0].Response.Body, StringComparison.Ordinal);
        Assert.Contains("\"has_more\":false", cassette.Interactions[1].Response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_FolderWithoutSdkHeader_NamesTheFolder()
    {
        var build = await CGuestBuild.BuildAsync(RepoPaths.Of("tests", "guests", "c", "items"), guests.Scratch("no-sdk"));
        Assert.False(build.Succeeded);
        Assert.Contains("has no hakiri_connector.h", build.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindToolchainAsync_NoClang_NamesTheDebianPackages()
    {
        var (toolchain, problem) = await CGuestBuild.FindToolchainAsync(name => name == "PATH" ? guests.Scratch("empty-path") : null);
        Assert.Null(toolchain);
        Assert.Equal(
            "No clang was found on PATH; install clang, wasm-ld and wasi-libc (Debian and Ubuntu: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32).",
            problem);
    }

    [Fact]
    public async Task FindToolchainAsync_WasiSdkPathWithoutClang_NamesTheFolder()
    {
        var (toolchain, problem) = await CGuestBuild.FindToolchainAsync(name => name == "WASI_SDK_PATH" ? "/nonexistent/wasi-sdk" : null);
        Assert.Null(toolchain);
        Assert.StartsWith("No clang was found in WASI_SDK_PATH (/nonexistent/wasi-sdk); install clang", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectorSources_Template_FindsSourcesUnderSrc()
    {
        var sources = CGuestBuild.ConnectorSources(guests.TemplateCopy);
        Assert.Equal([Path.Combine(guests.TemplateCopy, "src", "connector.c")], sources);
    }

    private CGuestBuildResult Build(string guest) => guest switch
    {
        "items" => guests.Items,
        "hostile" => guests.Hostile,
        _ => guests.Template,
    };

    private string Module(string guest)
    {
        var build = Build(guest);
        Assert.True(build.Succeeded, build.Error);
        return build.WasmPath!;
    }
}
