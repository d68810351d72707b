using Hakiri.Connectors.Contract;
using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// The process's one Wasmtime engine (fuel and epoch interruption on) and the one timer that advances its epoch. Every
/// store asks to be called back at each tick and checks its own deadline and cancellation there: the tick is coarse on
/// purpose (an atomic increment every 10 ms costs nothing measurable), and a late tick only makes a deadline later.
/// </summary>
internal static class WasmEngine
{
    /// <summary>How often the epoch advances.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private static readonly Lazy<Engine> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static Thread? s_ticker;

    public static Engine Instance => Shared.Value;

    /// <summary>
    /// Whether the engine meters fuel: always, except in Hakiri.Bench, which turns it off (before the engine is first
    /// used, and never back) to measure what metering costs. Without it a guest's only CPU limit is the epoch deadline.
    /// </summary>
    internal static bool MeterFuel { get; set; } = true;

    private static void Advance(Engine engine)
    {
        while (true)
        {
            Thread.Sleep(Tick);
            engine.IncrementEpoch();
        }
    }

    private static Engine Create()
    {
        Engine engine;
        try
        {
            engine = new Engine(new Config().WithFuelConsumption(MeterFuel).WithEpochInterruption(true));
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException { InnerException: DllNotFoundException })
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                "Wasmtime's native library (libwasmtime.so) was not found, and WebAssembly connectors need it: keep it beside the " +
                "hakiri binary (the release bundle has it in bin/) or on LD_LIBRARY_PATH; the Lambda functions get it from the " +
                "Wasmtime layer, which 'hakiri deploy aws' attaches to discover and pull-batch when a pipeline reads a WebAssembly connector.",
                inner: e);
        }

        // A thread of its own, not a pool timer: when guests occupy every pool thread, a timer callback waits for one,
        // and the deadlines it enforces would wait with it.
        s_ticker = new Thread(() => Advance(engine)) { IsBackground = true, Name = "Hakiri wasm epoch" };
        s_ticker.Start();
        return engine;
    }
}
