using System.Collections.Concurrent;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Testing.Http;
using Hakiri.Wasm.Tests.Guests.C;
using Hakiri.Wasm.Tests.Host;

namespace Hakiri.Wasm.Tests.Integration;

/// <summary>
/// The hostile C guest through the real host: each attack fails with the right kind, limit and sentence, reaches
/// nothing it was not granted, and leaves the process able to run a fresh honest connector.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HostileGuestHostTests(CGuestsFixture guests) : IAsyncLifetime
{
    private const string Next = "next of table hostile";

    private ItemsApi _granted = null!;
    private ItemsApi _outsider = null!;
    private ItemsApi _honest = null!;

    public async Task InitializeAsync()
    {
        _granted = await ItemsApi.StartAsync(5);
        _outsider = await ItemsApi.StartAsync(5);
        _honest = await ItemsApi.StartAsync(250);
    }

    public async Task DisposeAsync()
    {
        await _granted.DisposeAsync();
        await _outsider.DisposeAsync();
        await _honest.DisposeAsync();
    }

    [Fact]
    public async Task NextAsync_Loop_RunsOutOfFuel()
    {
        var error = await AttackAsync("loop", limits: ConnectorLimits.Default with { Fuel = 50_000_000 });

        AssertLimit(error, "fuel", $"connector hostile: resource exhausted: fuel (50000000 units) in {Next}");
    }

    [Fact]
    public async Task NextAsync_LoopWithFuelAtTheCap_HitsTheDeadline()
    {
        var limits = ConnectorLimits.Default with { Fuel = ConnectorLimits.Caps.Fuel, NextTimeoutSeconds = 1 };

        var error = await AttackAsync("loop", limits: limits);

        AssertLimit(error, "deadline", $"connector hostile: resource exhausted: deadline (1000 ms) in {Next}");
    }

    [Fact]
    public async Task NextAsync_GrowsUpToTheLimit_HitsTheMemoryLimit()
    {
        var error = await AttackAsync("memory-bomb", limits: ConnectorLimits.Default with { MemoryMegabytes = 64 });

        AssertLimit(error, "memory", $"connector hostile: resource exhausted: memory (67108864 bytes) in {Next}");
    }

    // One 2 GiB request is refused outright (memory.grow returns -1, malloc NULL) while the memory is still small, and
    // Wasmtime's C API reports no refused grow, so the guest's reaction — a trap — is what fails the call (ADR 13).
    [Fact]
    public async Task NextAsync_OneAllocationOfTwoGibibytes_IsRefusedAndTheGuestsTrapFailsTheCall()
    {
        var error = await AttackAsync("alloc-2gib", limits: ConnectorLimits.Default with { MemoryMegabytes = 64 });

        AssertPermanent(error, $"connector hostile trapped in {Next}: wasm trap: wasm `unreachable` instruction executed.");
    }

    [Fact]
    public async Task NextAsync_UnlistedHost_IsRefusedBeforeAnyRequest()
    {
        var outsider = new Uri(_outsider.BaseUrl);

        var error = await AttackAsync("unlisted-host", url: $"{_outsider.BaseUrl}/items?limit=5");

        AssertPermanent(error,
            $"connector hostile failed in {Next}: refused: connector 'hostile' may not reach 127.0.0.1:{outsider.Port}: it is not granted; " +
            $"add \"http:127.0.0.1:{outsider.Port}\" to the grant of [connectors.hostile] (and declare it in the connector's connector.toml) if it should be.");
        Assert.Equal(0, _outsider.Requests);
    }

    [Theory]
    [InlineData("http://localhost:{outsider}/items")]
    [InlineData("http://localhost:{granted}/items")]
    [InlineData("http://127.1:{outsider}/items")]
    [InlineData("http://2130706433:{outsider}/items")]
    [InlineData("http://0x7f.0.0.1:{outsider}/items")]
    [InlineData("http://[::ffff:127.0.0.1]:{outsider}/items")]
    [InlineData("http://[::1]:{outsider}/items")]
    [InlineData("http://127.0.0.1:{granted}@127.0.0.1:{outsider}/items")]
    public async Task NextAsync_UnlistedHostSpelledAnotherWay_IsRefusedBeforeAnyRequest(string url)
    {
        url = url.Replace("{granted}", Port(_granted), StringComparison.Ordinal).Replace("{outsider}", Port(_outsider), StringComparison.Ordinal);

        var error = await AttackAsync("unlisted-host", url: url);

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.StartsWith($"connector hostile failed in {Next}: refused: connector 'hostile' may not reach ", error.Message, StringComparison.Ordinal);
        Assert.Contains(": it is not granted; add \"http:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _outsider.Requests);
        Assert.Equal(0, _granted.Requests);
    }

    [Fact]
    public async Task NextAsync_RedirectToAnUnlistedHost_IsNotFollowed()
    {
        var outsider = new Uri(_outsider.BaseUrl);
        var target = Uri.EscapeDataString($"{_outsider.BaseUrl}/items?limit=5");

        var error = await AttackAsync("redirect", url: $"{_granted.BaseUrl}/redirect?to={target}");

        AssertPermanent(error,
            $"connector hostile failed in {Next}: refused: connector 'hostile' may not follow the redirect from {_granted.BaseUrl}/redirect " +
            $"to 127.0.0.1:{outsider.Port}: it is not granted; add \"http:127.0.0.1:{outsider.Port}\" to the grant of [connectors.hostile] " +
            "(and declare it in the connector's connector.toml) if it should be.");
        Assert.Equal(1, _granted.Requests);
        Assert.Equal(0, _outsider.Requests);
    }

    [Fact]
    public async Task NextAsync_RedirectWithinTheGrant_IsFollowed()
    {
        var target = Uri.EscapeDataString($"{_granted.BaseUrl}/items?limit=5");

        var error = await AttackAsync("redirect", url: $"{_granted.BaseUrl}/redirect?to={target}");

        AssertPermanent(error, $"connector hostile failed in {Next}: fetched: HTTP 200");
        Assert.Equal(2, _granted.Requests);
    }

    [Fact]
    public async Task NextAsync_EnvironmentVariableNotAskedFor_ReadsAsNone()
    {
        var error = await AttackAsync("env");

        AssertPermanent(error, $"connector hostile failed in {Next}: SECRET_TOKEN=none");
    }

    [Fact]
    public async Task NextAsync_EnvironmentVariableAskedFor_IsRead()
    {
        var asked = new ConnectorCapabilities([new HostPattern("127.0.0.1", new Uri(_granted.BaseUrl).Port)], ["SECRET_TOKEN"], false);

        var error = await AttackAsync("env", asked: asked);

        AssertPermanent(error, $"connector hostile failed in {Next}: SECRET_TOKEN=hunter2");
    }

    [Fact]
    public async Task NextAsync_Trap_IsPermanentAndNamesTheCall()
    {
        var error = await AttackAsync("trap");

        AssertPermanent(error, $"connector hostile trapped in {Next}: wasm trap: wasm `unreachable` instruction executed.");
    }

    [Fact]
    public async Task NextAsync_BatchThatIsNotArrow_IsPermanent()
    {
        var error = await AttackAsync("bad-arrow");

        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Null(error.Limit);
        Assert.StartsWith("connector hostile returned a batch that is not an Arrow IPC stream: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($" ({Next}).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextAsync_LocatorOutsideMemory_IsPermanentWithPointerAndLength()
    {
        var error = await AttackAsync("bad-pointer");

        AssertPermanent(error, $"connector hostile returned the locator of a batch ({Next}) outside its linear memory (ptr 0xfffffff0, len 100).");
    }

    [Fact]
    public async Task NextAsync_LogFlood_DeliversAtMostTheBudgetAndReportsTheRestOnDispose()
    {
        // A clock that stands still refills nothing: what gets through is exactly the one-second burst.
        const int budget = 64 * 1024;
        const int lineBytes = 8 * 1024;
        var log = new ConcurrentQueue<string>();
        using var connector = Create("log-flood", ConnectorLimits.Default with { LogBytesPerSecond = budget }, log: log, clock: new ManualClock(DateTimeOffset.UnixEpoch));
        await using (var reader = await connector.OpenAsync("hostile", null))
        {
            Assert.Null(await reader.NextAsync());
        }

        // Each 64 KiB line is charged (and cut to) the 8 KiB line maximum: the budget lets through exactly eight.
        var delivered = log.ToArray();
        Assert.Equal(budget / lineBytes, delivered.Length);
        Assert.All(delivered, line => Assert.Equal($"connector 'hostile' info: {new string('x', lineBytes)}… [{(64 * 1024) - lineBytes} more bytes cut]", line));
        await HostConnectors.AssertHonestReadAsync(guests.Items.WasmPath!, _honest);

        connector.Dispose(); // as a run ends; the using disposes it again, which does nothing

        var dropped = 10_000 - (budget / lineBytes);
        Assert.Equal(
            $"connector 'hostile': {dropped} log lines ({(long)dropped * lineBytes} bytes) dropped over the 64 KiB/s limit",
            Assert.Single(log.Skip(delivered.Length)));
    }

    /// <summary>
    /// Runs <paramref name="attack"/>'s next, expects it to fail the same way twice, then checks that a fresh honest
    /// connector in this process still reads every item.
    /// </summary>
    private async Task<ConnectorException> AttackAsync(string attack, string? url = null, ConnectorLimits? limits = null, ConnectorCapabilities? asked = null)
    {
        using (var connector = Create(attack, limits, url, asked))
        {
            await using var reader = await connector.OpenAsync("hostile", null);

            var error = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());
            var again = await Assert.ThrowsAsync<ConnectorException>(() => reader.NextAsync().AsTask());

            Assert.Equal((error.Kind, error.Limit, error.Message), (again.Kind, again.Limit, again.Message));
            await HostConnectors.AssertHonestReadAsync(guests.Items.WasmPath!, _honest);
            return error;
        }
    }

    private WasmSourceConnector Create(
        string attack, ConnectorLimits? limits, string? url = null, ConnectorCapabilities? asked = null,
        ConcurrentQueue<string>? log = null, TimeProvider? clock = null)
    {
        var config = new Dictionary<string, string> { ["attack"] = attack };
        if (url is not null)
        {
            config["url"] = url;
        }

        // Granted: the first API's port only, so the outsider (and the honest API) on the same address are not.
        asked ??= new ConnectorCapabilities([new HostPattern("127.0.0.1", new Uri(_granted.BaseUrl).Port)], [], false);
        return HostConnectors.Create(
            "hostile", guests.Hostile.WasmPath!, config, asked, limits,
            new Dictionary<string, string> { ["SECRET_TOKEN"] = "hunter2" }, log, clock);
    }

    private static string Port(ItemsApi api) => new Uri(api.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertLimit(ConnectorException error, string limit, string message)
    {
        Assert.Equal(message, error.Message);
        Assert.Equal(ConnectorErrorKind.Transient, error.Kind);
        Assert.Equal(limit, error.Limit);
    }

    private static void AssertPermanent(ConnectorException error, string message)
    {
        Assert.Equal(message, error.Message);
        Assert.Equal(ConnectorErrorKind.Permanent, error.Kind);
        Assert.Null(error.Limit);
    }
}
