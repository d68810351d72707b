using Hakiri.Testing;

namespace Hakiri.Cli.Tests.Wasm;

/// <summary>
/// The path docs/connectors.md "Write a WebAssembly connector" gives a user, command by command in the project folder:
/// init, connector new, validate, connector build, connector test, connector inspect; and each command's bad input.
/// </summary>
public sealed class ConnectorUserPathTests
{
    [Theory]
    [InlineData("c", "src/connector.c")]
    [InlineData("rust", "src/lib.rs")]
    public async Task UserPath_NewBuildTestInspect_EachStepSucceeds(string language, string source)
    {
        using var dir = new TempDirectory();
        var init = await HakiriProcess.RunInAsync(dir.Path, "init", "demo");
        Assert.True(init.ExitCode == 0, init.ToString());
        var project = dir.Combine("demo");

        var created = await HakiriProcess.RunInAsync(project, "connector", "new", "payroll", "--lang", language);
        Assert.True(created.ExitCode == 0, created.ToString());
        foreach (var file in new[] { "connector.toml", "README.md", source })
        {
            Assert.True(File.Exists(Path.Combine(project, "connectors", "payroll", file)), $"connectors/payroll/{file} was not written");
        }

        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(project, "connectors", "payroll", "sdk"), "*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(project, "fixtures", "payroll", "cassette.json")));
        var manifestText = File.ReadAllText(Path.Combine(project, "hakiri.toml"));
        Assert.Contains("[connectors.payroll]", manifestText, StringComparison.Ordinal);
        Assert.Contains("[pipelines.payroll.source]", manifestText, StringComparison.Ordinal);
        var validated = await HakiriProcess.RunInAsync(project, "validate");
        Assert.True(validated.ExitCode == 0, validated.ToString());

        var built = await HakiriProcess.RunInAsync(project, "connector", "build", "connectors/payroll");
        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.True(File.Exists(Path.Combine(project, "connectors", "payroll", "payroll.wasm")));

        var tested = await HakiriProcess.RunInAsync(project, "connector", "test", "payroll");
        Assert.True(tested.ExitCode == 0, tested.ToString());
        Assert.Contains("table payroll: 3 row(s)", tested.Stdout, StringComparison.Ordinal);
        Assert.Contains("cursor after the replay: 3", tested.Stdout, StringComparison.Ordinal);

        var inspected = await HakiriProcess.RunInAsync(project, "connector", "inspect", "connectors/payroll/payroll.wasm");
        Assert.True(inspected.ExitCode == 0, inspected.ToString());
        Assert.Contains("runnable: yes", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("connector.toml (payroll 0.1.0) asks for:", inspected.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorNew_BadOrTakenName_ExitsTwoWithASentenceAndWritesNothing()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await HakiriProcess.RunInAsync(dir.Path, "init", ".")).ExitCode);
        var first = await HakiriProcess.RunInAsync(dir.Path, "connector", "new", "payroll", "--lang", "c");
        Assert.True(first.ExitCode == 0, first.ToString());
        var manifestBefore = File.ReadAllText(dir.Combine("hakiri.toml"));

        var badName = await HakiriProcess.RunInAsync(dir.Path, "connector", "new", "Pay_Roll", "--lang", "c");
        var taken = await HakiriProcess.RunInAsync(dir.Path, "connector", "new", "payroll", "--lang", "rust");

        Assert.True(badName.ExitCode == 2, badName.ToString());
        Assert.Contains("'Pay_Roll' is not a connector name — use lower-case letters, digits and hyphens", badName.Stderr, StringComparison.Ordinal);
        Assert.True(taken.ExitCode == 2, taken.ToString());
        Assert.Contains("the manifest already declares 'payroll' (a connector or a pipeline) — choose another name", taken.Stderr, StringComparison.Ordinal);
        Assert.Equal(manifestBefore, File.ReadAllText(dir.Combine("hakiri.toml")));
        Assert.False(Directory.Exists(dir.Combine("connectors", "Pay_Roll")));
        Assert.False(File.Exists(dir.Combine("connectors", "payroll", "src", "lib.rs")));
    }

    [Fact]
    public async Task ConnectorBuild_NoConnectorToml_ExitsTwoNamingTheFolder()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("empty"));

        var built = await HakiriProcess.RunInAsync(dir.Path, "connector", "build", "empty");

        Assert.True(built.ExitCode == 2, built.ToString());
        Assert.Contains("empty holds no connector.toml", built.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorBuild_CCodeThatDoesNotCompile_ExitsTwoWithTheCompilersMessage()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await HakiriProcess.RunInAsync(dir.Path, "init", ".")).ExitCode);
        Assert.Equal(0, (await HakiriProcess.RunInAsync(dir.Path, "connector", "new", "payroll", "--lang", "c")).ExitCode);
        var source = dir.Combine("connectors", "payroll", "src", "connector.c");
        File.AppendAllText(source, "\nint broken(void) { return undeclared_thing_42; }\n");

        var built = await HakiriProcess.RunInAsync(dir.Path, "connector", "build", "connectors/payroll");

        Assert.True(built.ExitCode == 2, built.ToString());
        Assert.Contains("undeclared_thing_42", built.Stderr, StringComparison.Ordinal);
        Assert.Contains("connector.c:", built.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("connectors", "payroll", "payroll.wasm")));
    }

    [Fact]
    public async Task ConnectorInspect_GarbageBytes_ExitsTwo()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("garbage.wasm"), "this is not WebAssembly at all"u8.ToArray());

        var inspected = await HakiriProcess.RunInAsync(dir.Path, "connector", "inspect", "garbage.wasm");

        Assert.True(inspected.ExitCode == 2, inspected.ToString());
        Assert.Contains("garbage.wasm: error: ", inspected.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorInspect_ModuleImportingWasiFdWrite_ExitsTwoNamingTheImport()
    {
        using var dir = new TempDirectory();
        dir.Write("wasi.wat", """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1))
            """);
        var compiled = await ExternalProcess.RunAsync("wat2wasm", [dir.Combine("wasi.wat"), "-o", dir.Combine("wasi.wasm")]);
        Assert.True(compiled.ExitCode == 0, compiled.ToString());

        var inspected = await HakiriProcess.RunInAsync(dir.Path, "connector", "inspect", "wasi.wasm");

        Assert.True(inspected.ExitCode == 2, inspected.ToString());
        Assert.Contains(
            "error: imports wasi_snapshot_preview1.fd_write, which Hakiri does not provide — connectors reach the outside only through hakiri:connector/host",
            inspected.Stderr, StringComparison.Ordinal);
        Assert.Contains("runnable: no", inspected.Stdout, StringComparison.Ordinal);
    }
}
