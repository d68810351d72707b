using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Runtime;
using Wasmtime;

namespace Hakiri.Wasm;

/// <summary>
/// What a connector's <c>.wasm</c> holds, for <c>hakiri connector inspect</c> and <c>build</c>: whether it is a core
/// module or a component wrapping one, its imports and exports, which <c>source-connector</c> exports are present or
/// missing, and which imports Hakiri refuses.
/// </summary>
/// <param name="IsComponent">Whether the file is a component (its one eligible core module is what runs).</param>
/// <param name="Naming">The core-module naming the exports use: <c>legacy</c> (wit-bindgen) or <c>cm32p2</c>.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the core module: the compiled-module cache key.</param>
/// <param name="MinimumMemoryBytes">The exported memory's minimum size in bytes (0 when there is none).</param>
/// <param name="Imports">Every import of the core module.</param>
/// <param name="Exports">Every export of the core module.</param>
/// <param name="WorldExportsPresent">The required <c>source-connector</c> exports the module has.</param>
/// <param name="WorldExportsMissing">The required <c>source-connector</c> exports the module lacks.</param>
/// <param name="UnsupportedImports">Imports Hakiri does not provide, as <c>module.name</c>.</param>
/// <param name="Problems">Other reasons the module cannot run (wrong function types), one sentence each.</param>
public sealed record WasmModuleInfo(
    bool IsComponent,
    string Naming,
    string Sha256,
    long MinimumMemoryBytes,
    IReadOnlyList<WasmImportInfo> Imports,
    IReadOnlyList<WasmExportInfo> Exports,
    IReadOnlyList<string> WorldExportsPresent,
    IReadOnlyList<string> WorldExportsMissing,
    IReadOnlyList<string> UnsupportedImports,
    IReadOnlyList<string> Problems)
{
    /// <summary>Whether Hakiri can run the module as a source connector.</summary>
    public bool IsRunnable => WorldExportsMissing.Count == 0 && UnsupportedImports.Count == 0 && Problems.Count == 0;

    /// <summary>Reads a <c>.wasm</c> file's bytes (compiles the core module, without the cache, to learn its types).</summary>
    /// <param name="wasm">A core module or a component.</param>
    /// <param name="name">The name used in error sentences.</param>
    /// <exception cref="ConnectorException">The bytes are not a module Hakiri can read (<see cref="ConnectorErrorKind.Permanent"/>).</exception>
    public static WasmModuleInfo Inspect(byte[] wasm, string name = "module")
    {
        ArgumentNullException.ThrowIfNull(wasm);
        var core = GuestModule.ResolveCore(name, wasm, out var component);
        using var module = GuestModule.Compile(name, WasmEngine.Instance, core.Span, ModuleCache.HashOf(core.Span), null).Module;
        return Analyze(module, component, ModuleCache.HashOf(core.Span));
    }

    internal static WasmModuleInfo Analyze(Module module, bool component, string sha256)
    {
        var naming = GuestNaming.Detect(module.Exports.Select(e => e.Name));
        var imports = new List<WasmImportInfo>();
        var unsupported = new List<string>();
        var problems = new List<string>();
        foreach (var import in module.Imports)
        {
            var provided = GuestNaming.All.Any(n => n.Provides(import.ModuleName, import.Name));
            var type = import is FunctionImport f ? GuestSignatures.Text(f.Parameters, f.Results) : KindOf(import);
            imports.Add(new WasmImportInfo(import.ModuleName, import.Name, type, provided));
            if (!provided)
            {
                unsupported.Add($"{import.ModuleName}.{import.Name}");
            }
            else if (import is not FunctionImport function)
            {
                problems.Add($"it imports {import.ModuleName}.{import.Name} as a {type}, but Hakiri provides a function there.");
            }
            else if (!GuestSignatures.Matches(function.Parameters, function.Results, GuestSignatures.OfImport(import.Name)))
            {
                var expected = GuestSignatures.OfImport(import.Name);
                problems.Add($"it imports {import.ModuleName}.{import.Name} as {type}, but the canonical ABI gives it {GuestSignatures.Text(expected.Parameters, expected.Results)}.");
            }
        }

        var exports = new List<WasmExportInfo>();
        long minimumMemory = 0;
        foreach (var export in module.Exports)
        {
            var type = export is FunctionExport f ? GuestSignatures.Text(f.Parameters, f.Results) : KindOf(export);
            exports.Add(new WasmExportInfo(export.Name, type));
            if (export is MemoryExport memory && export.Name == naming.Memory)
            {
                minimumMemory = memory.Minimum * 65536;
            }

            if (GuestSignatures.OfExport(naming, export.Name) is { } expected
                && (export is not FunctionExport function || !GuestSignatures.Matches(function.Parameters, function.Results, expected)))
            {
                problems.Add($"it exports {export.Name} as {type}, but the canonical ABI gives it {GuestSignatures.Text(expected.Parameters, expected.Results)}.");
            }
        }

        if (exports.FirstOrDefault(e => e.Name == naming.Memory) is { } memoryExport && !memoryExport.Type.StartsWith("(memory", StringComparison.Ordinal))
        {
            problems.Add($"it exports {naming.Memory} as {memoryExport.Type}, not as a memory.");
        }

        var names = exports.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var present = naming.RequiredExports.Where(names.Contains).ToList();
        var missing = naming.RequiredExports.Where(e => !names.Contains(e)).ToList();
        return new WasmModuleInfo(component, naming.Scheme, sha256, minimumMemory, imports, exports, present, missing, unsupported, problems);
    }

    private static string KindOf(object item) => item switch
    {
        MemoryImport or MemoryExport => "(memory)",
        TableImport or TableExport => "(table)",
        GlobalImport or GlobalExport => "(global)",
        _ => "(unknown)",
    };
}

/// <summary>An import of a guest's core module.</summary>
/// <param name="Module">The import's module name, e.g. <c>hakiri:connector/host@0.1.0</c>.</param>
/// <param name="Name">The import's name, e.g. <c>log</c>.</param>
/// <param name="Type">Its type as WAT-like text, e.g. <c>(func (param i32 i32 i32))</c>.</param>
/// <param name="Supported">Whether Hakiri provides it.</param>
public sealed record WasmImportInfo(string Module, string Name, string Type, bool Supported);

/// <summary>An export of a guest's core module.</summary>
/// <param name="Name">The export's name.</param>
/// <param name="Type">Its type as WAT-like text.</param>
public sealed record WasmExportInfo(string Name, string Type);
