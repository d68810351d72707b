using Hakiri.Connectors.Contract;
using Wasmtime;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// A guest's compiled core module, checked against <c>source-connector</c>: found inside a component if need be,
/// compiled or taken from the cache, every import one Hakiri provides, every required export present.
/// </summary>
internal sealed class GuestModule : IDisposable
{
    private GuestModule(Module module, GuestNaming naming, WasmModuleInfo info, bool warm)
    {
        Module = module;
        Naming = naming;
        Info = info;
        Warm = warm;
    }

    public Module Module { get; }

    public GuestNaming Naming { get; }

    public WasmModuleInfo Info { get; }

    /// <summary>Whether the compiled module came from the cache.</summary>
    public bool Warm { get; }

    /// <exception cref="ConnectorException">The bytes cannot run as a source connector (<see cref="ConnectorErrorKind.Permanent"/>, one sentence).</exception>
    public static GuestModule Load(string connector, ReadOnlyMemory<byte> wasm, string? cacheDirectory)
    {
        var core = ResolveCore(connector, wasm, out var component);
        var hash = ModuleCache.HashOf(core.Span);
        var (module, warm) = Compile(connector, WasmEngine.Instance, core.Span, hash, cacheDirectory);
        try
        {
            var info = WasmModuleInfo.Analyze(module, component, hash);
            if (info.UnsupportedImports.Count > 0)
            {
                throw Refuse(
                    $"connector {connector} imports {Join(info.UnsupportedImports)}, which Hakiri does not provide: connectors reach the outside only through hakiri:connector/host.");
            }

            if (info.WorldExportsMissing.Count > 0)
            {
                throw Refuse(
                    $"connector {connector} does not export {Join(info.WorldExportsMissing)}: build it for wit/connector.wit's source-connector world.");
            }

            if (info.Problems.Count > 0)
            {
                throw Refuse($"connector {connector} does not follow the canonical ABI: {info.Problems[0]}");
            }

            return new GuestModule(module, GuestNaming.Detect(module.Exports.Select(e => e.Name)), info, warm);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>The core module to run: the bytes themselves, or the one core module of a component that exports the world.</summary>
    public static ReadOnlyMemory<byte> ResolveCore(string connector, ReadOnlyMemory<byte> wasm, out bool component)
    {
        const string Supported = "Hakiri runs a core WebAssembly module built for wit/connector.wit's source-connector world, or a component wrapping one";
        component = false;
        if (WasmBinary.IsCoreModule(wasm.Span))
        {
            return wasm;
        }

        if (!WasmBinary.IsComponent(wasm.Span))
        {
            throw Refuse($"connector {connector} is not a WebAssembly module or component (it does not start with the wasm preamble): {Supported}.");
        }

        component = true;
        try
        {
            var modules = WasmBinary.CoreModules(wasm);
            var worldModules = modules
                .Where(m => WasmBinary.IsCoreModule(m.Span) && WasmBinary.ExportNames(m).Any(IsWorldExport))
                .ToList();
            if (worldModules.Count == 1)
            {
                return worldModules[0];
            }

            throw Refuse(
                $"connector {connector} is a component with {modules.Count} core module(s), {worldModules.Count} of which export the source interface: {Supported}.");
        }
        catch (FormatException e)
        {
            throw Refuse($"connector {connector} is a malformed component ({e.Message}): {Supported}.");
        }
    }

    public static (Module Module, bool Warm) Compile(string connector, Engine engine, ReadOnlySpan<byte> core, string hash, string? cacheDirectory)
    {
        try
        {
            return ModuleCache.Load(engine, connector, core, hash, cacheDirectory);
        }
        catch (WasmtimeException e)
        {
            throw Refuse($"connector {connector} is not a valid WebAssembly module: {FirstLine(e.Message)}.");
        }
    }

    public void Dispose() => Module.Dispose();

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.TrimEnd('.');
    }

    private static bool IsWorldExport(string name) => GuestNaming.All.Any(n => n.Discover == name);

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static ConnectorException Refuse(string sentence) => new(ConnectorErrorKind.Permanent, sentence);
}
