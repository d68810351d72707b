using System.Diagnostics;
using System.Text;

namespace Hakiri.Wasm.Build;

/// <summary>
/// Builds a Rust connector (<c>connector.toml</c> beside <c>src/lib.rs</c>) into a core WebAssembly module with Debian's
/// <c>rustc</c> and its <c>wasm32-unknown-unknown</c> standard library, no cargo and no crates: the SDK
/// (<c>hakiri_connector.rs</c>) is compiled as an rlib, then the connector as a cdylib linked against it.
/// </summary>
public static class RustGuestBuild
{
    /// <summary>Where Debian installs rustc; a rustup toolchain elsewhere lacks the wasm32 standard library Debian ships.</summary>
    public const string DefaultRustc = "/usr/bin/rustc";

    /// <summary>The target every guest is built for: a module that imports nothing the sandbox does not provide.</summary>
    public const string WasmTarget = "wasm32-unknown-unknown";

    /// <summary>The SDK's one source file, looked for in the SDK directory.</summary>
    public const string SdkFileName = "hakiri_connector.rs";

    /// <summary>The flags both compilations share: what the SDK's README documents.</summary>
    public static IReadOnlyList<string> CommonFlags { get; } =
        ["--target", WasmTarget, "--edition", "2021", "-C", "opt-level=2", "-C", "panic=abort", "-C", "strip=debuginfo"];

    private const string MissingToolchain =
        "Building a Rust connector needs rustc with the wasm32-unknown-unknown standard library; install the Debian packages rustc and libstd-rust-dev-wasm32.";

    /// <summary>Why Rust connectors cannot be built here, as a sentence naming what to install, or <see langword="null"/> when they can.</summary>
    /// <param name="rustc">The compiler to check.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static async Task<string?> FindToolchainProblemAsync(string rustc = DefaultRustc, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(rustc))
        {
            return MissingToolchain;
        }

        var (exitCode, stdout, _) = await RunAsync(rustc, ["--print", "target-libdir", "--target", WasmTarget], cancellationToken).ConfigureAwait(false);
        var libDirectory = stdout.Trim();
        var hasStd = exitCode == 0 && Directory.Exists(libDirectory) && Directory.EnumerateFiles(libDirectory, "libstd-*.rlib").Any();
        return hasStd ? null : MissingToolchain;
    }

    /// <summary>Compiles <c>src/lib.rs</c> of <paramref name="connectorDirectory"/> with the SDK into <paramref name="outputWasm"/>.</summary>
    /// <param name="connectorDirectory">The connector's folder, holding <c>src/lib.rs</c>.</param>
    /// <param name="sdkDirectory">The folder holding <c>hakiri_connector.rs</c>: the repository's <c>connectors/sdk/rust</c> or an installed bundle's copy.</param>
    /// <param name="outputWasm">The core module to write, usually <c>&lt;connector&gt;/&lt;wasm of connector.toml&gt;</c>.</param>
    /// <param name="rustc">The compiler.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    /// <returns>The full path of the module written.</returns>
    /// <exception cref="RustGuestBuildException">The toolchain is missing, a file is missing, or rustc refused the code.</exception>
    public static async Task<string> BuildAsync(
        string connectorDirectory, string sdkDirectory, string outputWasm, string rustc = DefaultRustc, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(Path.Combine(connectorDirectory, "src", "lib.rs"));
        var sdk = Path.GetFullPath(Path.Combine(sdkDirectory, SdkFileName));
        if (!File.Exists(source))
        {
            throw new RustGuestBuildException($"No {source}: a Rust connector keeps its code in src/lib.rs beside connector.toml.");
        }

        if (!File.Exists(sdk))
        {
            throw new RustGuestBuildException($"No {SdkFileName} in {Path.GetFullPath(sdkDirectory)}; pass the folder of Hakiri's Rust SDK (connectors/sdk/rust).");
        }

        if (await FindToolchainProblemAsync(rustc, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            throw new RustGuestBuildException(problem);
        }

        var output = Path.GetFullPath(outputWasm);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var work = Path.Combine(Path.GetTempPath(), "hakiri-rust-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            await CompileAsync(rustc, [.. CommonFlags, "--crate-type", "rlib", "--crate-name", "hakiri_connector", sdk, "--out-dir", work], sdk, cancellationToken)
                .ConfigureAwait(false);
            var rlib = Path.Combine(work, "libhakiri_connector.rlib");
            await CompileAsync(
                rustc,
                [.. CommonFlags, "--crate-type", "cdylib", "--crate-name", CrateName(connectorDirectory), "--extern", $"hakiri_connector={rlib}", source, "-o", output],
                source,
                cancellationToken).ConfigureAwait(false);
            return output;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The connector folder's name as a Rust crate name (letters, digits and underscores).</summary>
    internal static string CrateName(string connectorDirectory)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(connectorDirectory)));
        var name = new StringBuilder();
        foreach (var c in folder)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return name.Length == 0 || char.IsAsciiDigit(name[0]) ? "connector_" + name : name.ToString();
    }

    private static async Task CompileAsync(string rustc, IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken)
    {
        var (exitCode, _, stderr) = await RunAsync(rustc, arguments, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new RustGuestBuildException($"rustc could not compile {what} (exit {exitCode}):\n{stderr.TrimEnd()}");
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new RustGuestBuildException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
