using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// The process's one Wasmtime engine (fuel and epoch interruption on) and the one timer that advances its epoch. A
/// call's deadline is a number of ticks: the tick is coarse on purpose, an atomic increment every 10 ms costs nothing
/// measurable, and a late tick only makes a deadline later, never earlier.
/// </summary>
internal static class WasmEngine
{
    /// <summary>How often the epoch advances.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private static readonly Lazy<Engine> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Timer? s_ticker;

    public static Engine Instance => Shared.Value;

    /// <summary>
    /// Whether the engine meters fuel: always, except in Hakiri.Bench, which turns it off (before the engine is first
    /// used, and never back) to measure what metering costs. Without it a guest's only CPU limit is the epoch deadline.
    /// </summary>
    internal static bool MeterFuel { get; set; } = true;

    /// <summary>The epoch deadline for a call that may run <paramref name="timeout"/>: one extra tick, as the current one has partly elapsed.</summary>
    public static ulong TicksFor(TimeSpan timeout) => (ulong)Math.Max(1, Math.Ceiling(timeout / Tick)) + 1;

    private static Engine Create()
    {
        var config = new Config()
            .WithFuelConsumption(MeterFuel)
            .WithEpochInterruption(true);
        var engine = new Engine(config);
        s_ticker = new Timer(static state => ((Engine)state!).IncrementEpoch(), engine, Tick, Tick);
        return engine;
    }
}
