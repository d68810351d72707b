using Hakiri.Wasm.Tests.Support;

namespace Hakiri.Wasm.Tests;

public sealed class WasmModuleInfoTests
{
    [Fact]
    public void Inspect_HonestGuest_ListsImportsExportsAndWorldExports()
    {
        var info = WasmModuleInfo.Inspect(new TestGuest().Build());

        Assert.False(info.IsComponent);
        Assert.Equal("legacy", info.Naming);
        Assert.True(info.IsRunnable);
        Assert.Empty(info.WorldExportsMissing);
        Assert.Contains(new WasmImportInfo("hakiri:connector/host@0.1.0", "log", "(func (param i32 i32 i32))", true), info.Imports);
        Assert.Contains(new WasmExportInfo("cabi_realloc", "(func (param i32 i32 i32 i32) (result i32))"), info.Exports);
        Assert.Equal(6, info.WorldExportsPresent.Count);
    }

    [Fact]
    public void Inspect_WasiImportAndWrongType_ReportsBoth()
    {
        var guest = new TestGuest
        {
            ExtraImports = """
                (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
                (import "hakiri:connector/host@0.1.0" "now-ms" (func (param i64)))
                """,
        };

        var info = WasmModuleInfo.Inspect(guest.Build());

        Assert.False(info.IsRunnable);
        Assert.Equal(["wasi_snapshot_preview1.fd_write"], info.UnsupportedImports);
        Assert.Equal(
            ["it imports hakiri:connector/host@0.1.0.now-ms as (func (param i64)), but the canonical ABI gives it (func (param i32))."],
            info.Problems);
    }
}
