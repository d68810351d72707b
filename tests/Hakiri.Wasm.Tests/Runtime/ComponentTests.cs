using Apache.Arrow;
using Hakiri.Connectors.Contract;
using Hakiri.Testing;
using Hakiri.Wasm.Runtime;
using Hakiri.Wasm.Tests.Support;

namespace Hakiri.Wasm.Tests.Runtime;

/// <summary>A guest componentized by jco's wasm-tools (an independent tool) still runs: the host finds its core module.</summary>
public sealed class ComponentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hakiri-wasm-component-").FullName;

    [Fact]
    public async Task NextAsync_ComponentWrappingTheGuest_RunsItsCoreModule()
    {
        var core = Path.Combine(_directory, "guest.wasm");
        var component = Path.Combine(_directory, "guest.component.wasm");
        await File.WriteAllBytesAsync(core, new TestGuest().Build());
        var result = await Componentizer.RunAsync(core, output: component);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var wasm = await File.ReadAllBytesAsync(component);
        using var connector = Support.Guests.Connect(wasm);
        await using var reader = await connector.OpenAsync("items", null);
        var batch = await reader.NextAsync();

        Assert.True(connector.Module.IsComponent);
        Assert.True(WasmBinary.CoreModules(wasm).Count > 1, "wit-component adds shim modules: the host must pick the guest's");
        Assert.NotNull(batch);
        Assert.Equal([1L, 2L], ((Int64Array)batch.Records.Column(0)).Values.ToArray());
        Assert.True(WasmModuleInfo.Inspect(wasm).IsRunnable);
    }

    [Fact]
    public void Constructor_ComponentWithoutACoreModule_SaysWhatIsSupported()
    {
        byte[] empty = [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0];

        var error = Assert.Throws<ConnectorException>(() => Support.Guests.Connect(empty));

        Assert.Equal(
            "connector demo is a component with 0 core module(s), 0 of which export the source interface: Hakiri runs a core WebAssembly module built for wit/connector.wit's source-connector world, or a component wrapping one.",
            error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
