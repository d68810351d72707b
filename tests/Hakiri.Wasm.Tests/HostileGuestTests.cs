using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Tests.Support;

namespace Hakiri.Wasm.Tests;

/// <summary>Guests that misbehave: each fails with one sentence of the right kind, and the process runs the next guest.</summary>
public sealed class HostileGuestTests
{
    private const string Spin = "(loop $spin (br $spin)) (i32.const 0)";

    [Fact]
    public async Task NextAsync_InfiniteLoop_RunsOutOfFuel()
    {
        var error = await NextFailsAsync(new TestGuest { NextBody = Spin }, new WasmLimits { Fuel = 5_000_000 });

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Equal("fuel", error.Limit);
        Assert.Equal("connector demo: resource exhausted: fuel (5000000 units) in next of table items", error.Message);
    }

    [Fact]
    public async Task NextAsync_InfiniteLoopWithAmpleFuel_HitsTheDeadline()
    {
        var limits = new WasmLimits { Fuel = ulong.MaxValue / 2, NextTimeout = TimeSpan.FromMilliseconds(200) };

        var error = await NextFailsAsync(new TestGuest { NextBody = Spin }, limits);

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Equal("deadline", error.Limit);
        Assert.Equal("connector demo: resource exhausted: deadline (200 ms) in next of table items", error.Message);
    }

    [Fact]
    public async Task NextAsync_CancelledWhileTheGuestSpins_StopsItAndPoisonsTheInstance()
    {
        using var cancellation = new CancellationTokenSource();
        var host = new RecordingHost();
        var guest = new TestGuest { NextBody = "(loop $spin (call $log (i32.const 0) (i32.const 0x2810) (i32.const 4)) (br $spin)) (i32.const 0)" };
        var limits = new WasmLimits { Fuel = ulong.MaxValue / 2, NextTimeout = TimeSpan.FromHours(1) };
        using var connector = Support.Guests.Connect(guest.Build(), limits, host);
        await using var reader = await connector.OpenAsync("items", null);
        host.OnLog = message => cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.NextAsync(cancellation.Token).AsTask());
        var after = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.Transient, after.Kind);
        Assert.Equal("connector demo was cancelled in the middle of next of table items: open a new connector to call it again.", after.Message);
        Assert.Equal(3, await Support.Guests.ReadAllRowsAsync());
    }

    [Fact]
    public async Task NextAsync_MemoryBomb_HitsTheMemoryLimit()
    {
        var guest = new TestGuest
        {
            NextBody = "(loop $grow (br_if $grow (i32.ne (memory.grow (i32.const 16)) (i32.const -1)))) unreachable",
        };

        var error = await NextFailsAsync(guest, new WasmLimits { MemoryBytes = 16L << 20 });

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Equal("memory", error.Limit);
        Assert.Equal("connector demo: resource exhausted: memory (16777216 bytes) in next of table items", error.Message);
    }

    [Fact]
    public async Task DiscoverAsync_MinimumMemoryOfTwoGiB_FailsAtInstantiation()
    {
        var guest = new TestGuest { Memory = "32768", NextBody = "(drop (memory.grow (i32.const 32768))) unreachable" };
        using var connector = Support.Guests.Connect(guest.Build());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.DiscoverAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Equal("memory", error.Limit);
        Assert.Equal("connector demo: resource exhausted: memory (268435456 bytes) in instantiation", error.Message);
        Assert.Equal(3, await Support.Guests.ReadAllRowsAsync());
    }

    [Fact]
    public async Task NextAsync_Unreachable_TrapsAndPoisonsTheInstance()
    {
        var error = await NextFailsAsync(new TestGuest { NextBody = "unreachable" });

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Null(error.Limit);
        Assert.Equal("connector demo trapped in next of table items: wasm trap: wasm `unreachable` instruction executed.", error.Message);
    }

    [Fact]
    public async Task NextAsync_BytesThatAreNotArrow_FailsWithASentence()
    {
        var guest = new TestGuest();
        guest.Batches[0] = "not an arrow stream at all"u8.ToArray();

        var error = await NextFailsAsync(guest);

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.StartsWith("connector demo returned a batch that is not an Arrow IPC stream: ", error.Message);
        Assert.EndsWith(" (next of table items).", error.Message);
    }

    [Fact]
    public async Task NextAsync_StringOutsideMemory_FailsWithPointerAndLength()
    {
        var guest = new TestGuest { Patch = image => image.Pair(TestGuest.Batch1Area + 12 + 8, 0xffffff00, 1000) };

        var error = await NextFailsAsync(guest);

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal("connector demo returned the locator of a batch (next of table items) outside its linear memory (ptr 0xffffff00, len 1000).", error.Message);
    }

    [Fact]
    public async Task NextAsync_ListWhoseEndOverflows_FailsWithPointerAndLength()
    {
        var guest = new TestGuest { Patch = image => image.Pair(TestGuest.Batch1Area + 12, 0xfffffff0, 0x20) };

        var error = await NextFailsAsync(guest);

        Assert.Equal("connector demo returned the arrow bytes of a batch (next of table items) outside its linear memory (ptr 0xfffffff0, len 32).", error.Message);
    }

    [Fact]
    public async Task DiscoverAsync_ColumnCountPastMemory_FailsWithPointerAndLength()
    {
        var guest = new TestGuest { Patch = image => image.Pair(0x1014, 0x1100, 0x10000000) };
        using var connector = Support.Guests.Connect(guest.Build());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.DiscoverAsync().AsTask());

        Assert.Equal("connector demo returned the columns of table items outside its linear memory (ptr 0x1100, len 6442450944).", error.Message);
    }

    [Fact]
    public async Task NextAsync_MisalignedReturnArea_FailsWithASentence()
    {
        var error = await NextFailsAsync(new TestGuest { NextBody = "(i32.const 0x401)" });

        Assert.Equal("connector demo returned the result of next of table items at a misaligned address (ptr 0x401, alignment 8).", error.Message);
    }

    [Fact]
    public async Task NextAsync_InvalidUtf8Locator_FailsWithASentence()
    {
        var guest = new TestGuest
        {
            Patch = image =>
            {
                image.Bytes(0x2f00, [0xff, 0xfe]);
                image.Pair(TestGuest.Batch1Area + 12 + 8, 0x2f00, 2);
            },
        };

        var error = await NextFailsAsync(guest);

        Assert.Equal("connector demo returned the locator of a batch (next of table items) that is not valid UTF-8.", error.Message);
    }

    [Fact]
    public async Task Constructor_WasiImport_RefusesToLoad()
    {
        var guest = new TestGuest { ExtraImports = """(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))""" };

        var error = Assert.Throws<ConnectorException>(() => Support.Guests.Connect(guest.Build()));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal(
            "connector demo imports wasi_snapshot_preview1.fd_write, which Hakiri does not provide: connectors reach the outside only through hakiri:connector/host.",
            error.Message);
        Assert.Equal(3, await Support.Guests.ReadAllRowsAsync());
    }

    [Fact]
    public void Constructor_GarbageBytes_RefusesWithWhatIsSupported()
    {
        var error = Assert.Throws<ConnectorException>(() => Support.Guests.Connect("MZ\x90garbage bytes"u8.ToArray()));

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal(
            "connector demo is not a WebAssembly module or component (it does not start with the wasm preamble): Hakiri runs a core WebAssembly module built for wit/connector.wit's source-connector world, or a component wrapping one.",
            error.Message);
    }

    [Fact]
    public void Constructor_InvalidModuleBody_RefusesWithWasmtimesReason()
    {
        byte[] truncated = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 0x7f];

        var error = Assert.Throws<ConnectorException>(() => Support.Guests.Connect(truncated));

        Assert.StartsWith("connector demo is not a valid WebAssembly module: ", error.Message);
    }

    [Fact]
    public void Constructor_MissingExports_ListsThem()
    {
        var wasm = Wasmtime.Module.ConvertText("""(module (memory (export "memory") 1) (func (export "hakiri:connector/source@0.1.0#discover") (result i32) (i32.const 0)))""");

        var error = Assert.Throws<ConnectorException>(() => Support.Guests.Connect(wasm));

        Assert.Equal(
            "connector demo does not export hakiri:connector/source@0.1.0#open, hakiri:connector/source@0.1.0#acknowledge, hakiri:connector/source@0.1.0#[method]read-handle.next and cabi_realloc: build it for wit/connector.wit's source-connector world.",
            error.Message);
    }

    [Fact]
    public async Task DiscoverAsync_HostImportThrows_BecomesATrapNotACrash()
    {
        var host = new RecordingHost { ConfigFailure = new InvalidOperationException("the grant table is gone") };
        using var connector = Support.Guests.Connect(new TestGuest().Build(), host: host);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.DiscoverAsync().AsTask());
        var again = await Assert.ThrowsAsync<ConnectorException>(() => connector.DiscoverAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal("connector demo trapped in discover: a host import failed: the grant table is gone.", error.Message);
        Assert.Equal(error.Message, again.Message);
        Assert.Equal(3, await Support.Guests.ReadAllRowsAsync());
    }

    [Fact]
    public async Task DiscoverAsync_ReallocAnswersOutsideMemory_FailsWithASentence()
    {
        // discover's probe calls http-fetch; the host's refusal is lowered as a string, allocated through cabi_realloc.
        using var connector = Support.Guests.Connect(new TestGuest { ReallocBody = "(i32.const -16)" }.Build());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.DiscoverAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal(
            "connector demo's cabi_realloc returned space for the error of http-fetch outside its linear memory (ptr 0xfffffff0, len 19, alignment 1).",
            error.Message);
    }

    [Fact]
    public async Task OpenAsync_HandleItNeverCreated_FailsWithASentence()
    {
        using var connector = Support.Guests.Connect(new TestGuest { OpenBody = "(i32.store (i32.const 0x308) (i32.const 99)) (i32.const 0x300)" }.Build());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.OpenAsync("items", null).AsTask());

        Assert.Equal(
            "connector demo returned read-handle 99 from open of table items, which it never created with [resource-new]read-handle.",
            error.Message);
    }

    [Fact]
    public async Task DiscoverAsync_LogLevelOutOfRange_FailsWithASentence()
    {
        var host = new RecordingHost
        {
            Http = _ => throw new ConnectorException(ConnectorErrorKind.SchemaIncompatible, "case 4 is logged at level 4"),
        };
        using var connector = Support.Guests.Connect(new TestGuest().Build(), host: host);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.DiscoverAsync().AsTask());

        Assert.Equal("connector demo passed log level 4, which is not a log-level.", error.Message);
    }

    [Fact]
    public async Task NextAsync_GuestReturnsAnError_FailsTheReadButNotTheInstance()
    {
        using var connector = Support.Guests.Connect(new TestGuest { NextBody = "(i32.const 0x640)" }.Build());
        await using var reader = await connector.OpenAsync("items", null);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());
        var again = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Equal("connector demo failed in next of table items: clock mismatch", error.Message);
        Assert.Equal(error.Message, again.Message);
        Assert.Single(await connector.DiscoverAsync());
    }

    [Fact]
    public async Task OpenAsync_GuestHoardsHandles_IsStoppedAtTheCap()
    {
        var guest = new TestGuest { OpenBody = "(loop $hoard (drop (call $new (i32.const 42))) (br $hoard)) (i32.const 0x300)" };
        using var connector = Support.Guests.Connect(guest.Build());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.OpenAsync("items", null).AsTask());

        Assert.Equal(
            "connector demo holds more than 1024 read-handles: it creates them without returning or dropping them.",
            error.Message);
    }

    /// <summary>Opens the guest's table, expects next to fail, checks that the instance stays poisoned with the same error and that a fresh honest connector still reads.</summary>
    private static async Task<ConnectorException> NextFailsAsync(TestGuest guest, WasmLimits? limits = null)
    {
        using var connector = Support.Guests.Connect(guest.Build(), limits);
        await using var reader = await connector.OpenAsync("items", null);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());
        var again = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());

        Assert.Equal(error.Message, again.Message);
        Assert.Equal(error.Kind, again.Kind);
        Assert.Equal(error.Limit, again.Limit);
        Assert.Equal(3, await Support.Guests.ReadAllRowsAsync());
        return error;
    }
}
