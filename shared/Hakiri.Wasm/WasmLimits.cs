namespace Hakiri.Wasm;

/// <summary>
/// The hard limits one WebAssembly connector runs under. Running into one fails the call with a
/// <see cref="Hakiri.Connectors.Contract.ConnectorException"/> of kind Transient whose <c>Limit</c> says which.
/// </summary>
public sealed record WasmLimits
{
    /// <summary>The largest memory a connector may have: 2 GiB.</summary>
    public const long MaxMemoryBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The defaults: 256 MiB, 10⁹ fuel units per call, 30 s per <c>next</c>, 60 s for discover/open/acknowledge.</summary>
    public static WasmLimits Default { get; } = new();

    /// <summary>How large the guest's linear memory may grow, in bytes (at most <see cref="MaxMemoryBytes"/>).</summary>
    public long MemoryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Wasmtime fuel for each call into the guest (roughly one unit per instruction); refilled before every call.</summary>
    public ulong Fuel { get; init; } = 1_000_000_000;

    /// <summary>The wall-clock deadline of one <c>next</c> call.</summary>
    public TimeSpan NextTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wall-clock deadline of <c>discover</c>, <c>open</c>, <c>acknowledge</c> and instantiation.</summary>
    public TimeSpan DiscoverTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws if a limit is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero, negative or above its maximum.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryBytes, 65536L, nameof(MemoryBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MemoryBytes, MaxMemoryBytes, nameof(MemoryBytes));
        ArgumentOutOfRangeException.ThrowIfZero(Fuel, nameof(Fuel));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NextTimeout, TimeSpan.Zero, nameof(NextTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DiscoverTimeout, TimeSpan.Zero, nameof(DiscoverTimeout));
    }
}
