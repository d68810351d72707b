using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Abi;
using Hakiri.Wasm.Host;
using System.Diagnostics;
using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// One instantiated guest: its own store (Wasmtime stores are single-threaded, so calls are serialized), the handle
/// table of its read-handles, and the limits armed before every call. A trap, a limit or an ABI violation poisons the
/// instance: every later call fails with the same error, and only a new connector object starts afresh.
/// </summary>
internal sealed partial class GuestInstance(string connector, GuestModule module, WasmLimits limits, IConnectorHost host) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, int> _handles = [];
    private int _nextHandle = 1;
    private Store? _store;
    private Linker? _linker;
    private GuestExports? _exports;
    private GuestMemory? _memory;
    private WitLift? _lift;
    private WitLower? _lower;
    private ConnectorException? _poison;
    private Exception? _callbackFault;
    private TimeSpan _armedTimeout;
    private long _deadline;
    private CancellationToken _cancellation;
    private bool _disposed;

    private GuestNaming Naming => module.Naming;

    /// <summary>Runs <paramref name="body"/> against the guest under the limits, on a pool thread, one call at a time.</summary>
    public async Task<T> RunAsync<T>(string call, TimeSpan timeout, Func<GuestInstance, T> body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await Task.Run(() => Run(call, timeout, body, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private T Run<T>(string call, TimeSpan timeout, Func<GuestInstance, T> body, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_poison is { } poison)
        {
            throw Again(poison);
        }

        var current = call;
        try
        {
            if (_exports is null)
            {
                current = "instantiation";
                Instantiate();
                current = call;
            }

            Arm(timeout);
            return body(this);
        }
        catch (Exception e) when (e is WasmtimeException or ConnectorException or StopException)
        {
            var fault = _callbackFault;
            _poison = Classify(e, current);
            if (_poison.Limit is null && Find<CancelledException>(e, fault) is not null)
            {
                _poison = new ConnectorException(
                    ConnectorErrorKind.Transient,
                    $"connector {connector} was cancelled in the middle of {current}: open a new connector to call it again.");
                throw new OperationCanceledException(_poison.Message, _poison, cancellationToken);
            }

            throw Again(_poison);
        }
        finally
        {
            _callbackFault = null;
            _cancellation = CancellationToken.None;
        }
    }

    private void Instantiate()
    {
        if (module.Info.MinimumMemoryBytes > limits.MemoryBytes)
        {
            throw LimitReached("memory", "instantiation", limits.DiscoverTimeout);
        }

        var engine = WasmEngine.Instance;
        _store = new Store(engine);
        _store.SetLimits(memorySize: limits.MemoryBytes);
        _store.SetEpochDeadlineCallback(OnEpochDeadline);
        _linker = new Linker(engine);
        DefineImports(_linker);
        Arm(limits.DiscoverTimeout);
        var instance = _linker.Instantiate(_store, module.Module);
        var memory = instance.GetMemory(Naming.Memory)!;
        var realloc = instance.GetFunction(Naming.Realloc)!;
        _memory = new GuestMemory(connector, memory, realloc);
        _lift = new WitLift(connector, _memory);
        _lower = new WitLower(_memory);
        _exports = new GuestExports(instance, Naming);
        if (instance.GetFunction(Naming.Initialize) is { } initialize)
        {
            initialize.Invoke(ReadOnlySpan<ValueBox>.Empty);
        }
    }

    private void Arm(TimeSpan timeout)
    {
        _armedTimeout = timeout;
        _callbackFault = null;
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        _deadline = ticks >= long.MaxValue / 2 ? long.MaxValue : Stopwatch.GetTimestamp() + (long)ticks;
        if (WasmEngine.MeterFuel)
        {
            _store!.Fuel = limits.Fuel;
        }

        _store!.SetEpochDeadline(1);
    }

    /// <summary>
    /// Runs on the guest's thread at every epoch tick (10 ms): stops the call when its deadline has passed or the
    /// caller cancelled, else lets it run one more tick. Throwing here terminates the guest.
    /// </summary>
    private ulong OnEpochDeadline(Store store)
    {
        if (_cancellation.IsCancellationRequested)
        {
            throw new CancelledException();
        }

        return Stopwatch.GetTimestamp() >= _deadline ? throw new DeadlineReachedException() : 1UL;
    }

    /// <summary>Turns what escaped a guest call into the one error this instance now answers with.</summary>
    private ConnectorException Classify(Exception escaped, string call)
    {
        var fault = _callbackFault;
        _callbackFault = null;
        if (escaped is ConnectorException direct)
        {
            return direct;
        }

        if (fault is ConnectorException fromImport)
        {
            return fromImport;
        }

        if (Find<DeadlineReachedException>(escaped, fault) is not null)
        {
            return LimitReached("deadline", call, _armedTimeout);
        }

        var trap = escaped as TrapException ?? fault as TrapException;
        if (trap?.Type == TrapCode.OutOfFuel)
        {
            return LimitReached("fuel", call, _armedTimeout);
        }

        if (trap?.Type == TrapCode.Interrupt)
        {
            return LimitReached("deadline", call, _armedTimeout);
        }

        if (NearMemoryLimit())
        {
            return LimitReached("memory", call, _armedTimeout);
        }

        var reason = fault is not null
            ? $"a host import failed: {GuestModule.FirstLine(fault.Message)}"
            : Reason(escaped);
        return new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} trapped in {call}: {reason}.");
    }

    /// <summary>
    /// Whether a trap is best explained by the memory limit. The store's limiter makes <c>memory.grow</c> return -1
    /// rather than trap, and Wasmtime's C API offers no callback to count refusals, so a trap counts as the memory limit
    /// when the memory had grown to within an eighth of the limit (at least 1 MiB): an allocator that got -1 then
    /// aborts. A guest that asks for far more than is left in one grow and traps on the refusal reads as a plain trap.
    /// </summary>
    private bool NearMemoryLimit()
    {
        if (_memory is null)
        {
            return module.Info.MinimumMemoryBytes > limits.MemoryBytes;
        }

        var slack = Math.Max(1L << 20, limits.MemoryBytes / 8);
        return _memory.Length + slack > limits.MemoryBytes;
    }

    private ConnectorException LimitReached(string limit, string call, TimeSpan timeout)
    {
        var amount = limit switch
        {
            "fuel" => $"fuel ({limits.Fuel} units)",
            "memory" => $"memory ({limits.MemoryBytes} bytes)",
            _ => $"deadline ({timeout.TotalMilliseconds:0} ms)",
        };
        return new ConnectorException(ConnectorErrorKind.Transient, $"connector {connector}: resource exhausted: {amount} in {call}") { Limit = limit };
    }

    /// <summary>The trap's own words: Wasmtime puts the cause after the backtrace.</summary>
    private static string Reason(Exception e)
    {
        var message = e.Message;
        var caused = message.LastIndexOf("Caused by:", StringComparison.Ordinal);
        if (caused >= 0)
        {
            message = message[(caused + "Caused by:".Length)..];
        }

        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("wasm backtrace", StringComparison.Ordinal) && !char.IsDigit(l[0]));
        return (lines.FirstOrDefault() ?? message).TrimEnd('.');
    }

    /// <summary>An exception of type <typeparamref name="TException"/> among the inner exceptions of either argument.</summary>
    private static TException? Find<TException>(Exception? escaped, Exception? fault)
        where TException : Exception
    {
        foreach (var start in (ReadOnlySpan<Exception?>)[escaped, fault])
        {
            for (var e = start; e is not null; e = e.InnerException)
            {
                if (e is TException found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static ConnectorException Again(ConnectorException poison) =>
        new(poison.Kind, poison.Message, poison.RetryAfter, poison) { Limit = poison.Limit };

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _gate.Wait();
        try
        {
            _disposed = true;
            _linker?.Dispose();
            _store?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Thrown from the epoch callback to stop the guest (Wasmtime may hand it back bare or wrapped).</summary>
    private abstract class StopException(string message) : Exception(message);

    /// <summary>The call's deadline passed.</summary>
    private sealed class DeadlineReachedException() : StopException("the call's deadline passed");

    /// <summary>The caller cancelled the call.</summary>
    private sealed class CancelledException() : StopException("the call was cancelled");

    /// <summary>The guest's world exports, bound once after instantiation.</summary>
    private sealed class GuestExports(Instance instance, GuestNaming naming)
    {
        public Function Discover { get; } = instance.GetFunction(naming.Discover)!;

        public Function Open { get; } = instance.GetFunction(naming.Open)!;

        public Function Acknowledge { get; } = instance.GetFunction(naming.Acknowledge)!;

        public Function Next { get; } = instance.GetFunction(naming.Next)!;

        public Function? Dtor { get; } = instance.GetFunction(naming.Dtor);

        public Function? DiscoverPost { get; } = instance.GetFunction(naming.PostOf(naming.Discover));

        public Function? OpenPost { get; } = instance.GetFunction(naming.PostOf(naming.Open));

        public Function? AcknowledgePost { get; } = instance.GetFunction(naming.PostOf(naming.Acknowledge));

        public Function? NextPost { get; } = instance.GetFunction(naming.PostOf(naming.Next));
    }
}
