namespace Hakiri.Wasm.Build;

/// <summary>The tools that build C guests: clang, the wasm-ld it links with, and where wasi-libc lives.</summary>
/// <param name="Clang">The clang executable.</param>
/// <param name="WasmLd">The wasm-ld executable, passed to clang with <c>--ld-path</c>.</param>
/// <param name="Sysroot">
/// The wasi-libc sysroot passed with <c>--sysroot</c>, or <see langword="null"/> for Debian's split layout
/// (<c>/usr/include/wasm32-wasi</c> and <c>/usr/lib/wasm32-wasi</c>), which clang finds by itself.
/// </param>
public sealed record CToolchain(string Clang, string WasmLd, string? Sysroot);

/// <summary>What <see cref="CGuestBuild.BuildAsync"/> produced.</summary>
/// <param name="WasmPath">The core module written, or <see langword="null"/> when the build failed.</param>
/// <param name="Error">Why the build failed, as a sentence followed by the compiler's output; <see langword="null"/> on success.</param>
/// <param name="CommandLine">The compiler command that ran (empty when none could), for logs and bug reports.</param>
public sealed record CGuestBuildResult(string? WasmPath, string? Error, string CommandLine)
{
    /// <summary>Whether the module was built.</summary>
    public bool Succeeded => WasmPath is not null;
}
