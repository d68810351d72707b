using System.Text.RegularExpressions;

namespace Hakiri.Wasm.Build;

/// <summary>
/// Compiles a C connector folder (its <c>*.c</c> files and those under <c>src/</c>) together with Hakiri's C SDK into a
/// WebAssembly core module: a wasm32-wasi reactor that imports only Hakiri's host interface. The SDK folder is a
/// parameter so the same code builds from a checkout (<c>connectors/sdk/c</c>) and from an installed bundle.
/// </summary>
public static partial class CGuestBuild
{
    /// <summary>The SDK's sources, compiled into every guest.</summary>
    public static IReadOnlyList<string> SdkSources { get; } = ["hakiri_connector.c", "hakiri_arrow.c", "hakiri_json.c"];

    /// <summary>What to install when the toolchain is missing.</summary>
    public const string InstallAdvice = "install clang, wasm-ld and wasi-libc (Debian and Ubuntu: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32)";

    private static readonly string[] ClangNames = ["clang", "clang-19", "clang-18", "clang-17", "clang-16", "clang-15", "clang-14"];
    private static readonly string[] WasmLdNames = ["wasm-ld", "wasm-ld-19", "wasm-ld-18", "wasm-ld-17", "wasm-ld-16", "wasm-ld-15", "wasm-ld-14"];
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Finds clang, wasm-ld, wasi-libc and clang's wasm32 builtins: from <c>WASI_SDK_PATH</c> (a wasi-sdk install) when
    /// set, else on <c>PATH</c> with the sysroot at <c>/usr/share/wasi-sysroot</c> or in Debian's split layout.
    /// </summary>
    /// <param name="environment">Reads <c>WASI_SDK_PATH</c> and <c>PATH</c>; the process environment when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The toolchain, or <see langword="null"/> and a sentence naming what is missing and what to install.</returns>
    public static async Task<(CToolchain? Toolchain, string? Problem)> FindToolchainAsync(
        Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var wasiSdk = environment("WASI_SDK_PATH");
        string? clang, wasmLd, sysroot;
        if (!string.IsNullOrEmpty(wasiSdk))
        {
            clang = Executable(Path.Combine(wasiSdk, "bin", "clang"));
            wasmLd = Executable(Path.Combine(wasiSdk, "bin", "wasm-ld"));
            sysroot = Path.Combine(wasiSdk, "share", "wasi-sysroot");
        }
        else
        {
            var path = environment("PATH") ?? "";
            clang = OnPath(path, ClangNames);
            wasmLd = OnPath(path, WasmLdNames);
            sysroot = Directory.Exists("/usr/share/wasi-sysroot") ? "/usr/share/wasi-sysroot" : null;
        }

        if (clang is null)
        {
            return (null, $"No clang was found {(string.IsNullOrEmpty(wasiSdk) ? "on PATH" : $"in WASI_SDK_PATH ({wasiSdk})")}; {InstallAdvice}.");
        }

        if (wasmLd is null)
        {
            return (null, $"No wasm-ld (the WebAssembly linker) was found beside {clang}; {InstallAdvice}.");
        }

        if (!HasWasiLibc(sysroot))
        {
            return (null, $"wasi-libc was not found ({(sysroot is null ? "/usr/share/wasi-sysroot, /usr/lib/wasm32-wasi" : sysroot)}); {InstallAdvice}.");
        }

        var toolchain = new CToolchain(clang, wasmLd, sysroot);
        var builtins = await ToolProcess.RunAsync(clang, [.. TargetArguments(toolchain), "-print-libgcc-file-name"], TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        var builtinsPath = builtins.Stdout.Trim();
        if (builtins.ExitCode != 0 || !File.Exists(builtinsPath))
        {
            return (null, $"clang's WebAssembly builtins ({(builtinsPath.Length == 0 ? "libclang_rt.builtins-wasm32.a" : builtinsPath)}) are missing; {InstallAdvice}.");
        }

        return (toolchain, null);
    }

    /// <summary>
    /// Builds the connector in <paramref name="connectorDirectory"/> with the SDK in <paramref name="sdkDirectory"/>.
    /// The module goes to <paramref name="outputPath"/>, or beside <c>connector.toml</c> under the name its <c>wasm</c>
    /// key gives (else <c>&lt;name&gt;.wasm</c>).
    /// </summary>
    /// <param name="connectorDirectory">The folder holding <c>connector.toml</c> and the connector's <c>.c</c> files.</param>
    /// <param name="sdkDirectory">The C SDK folder (<c>hakiri_connector.h</c> and its sources).</param>
    /// <param name="outputPath">Where to write the module; see above when <see langword="null"/>.</param>
    /// <param name="toolchain">The toolchain; found with <see cref="FindToolchainAsync"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the build.</param>
    public static async Task<CGuestBuildResult> BuildAsync(
        string connectorDirectory, string sdkDirectory, string? outputPath = null, CToolchain? toolchain = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(sdkDirectory, "hakiri_connector.h")))
        {
            return new(null, $"The C SDK folder {sdkDirectory} has no hakiri_connector.h; pass the folder that holds the SDK (connectors/sdk/c in a checkout).", "");
        }

        var sources = ConnectorSources(connectorDirectory);
        if (sources.Count == 0)
        {
            return new(null, $"{connectorDirectory} has no .c files (looked in the folder and under src/).", "");
        }

        if (toolchain is null)
        {
            var (found, problem) = await FindToolchainAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return new(null, problem, "");
            }

            toolchain = found;
        }

        var output = Path.GetFullPath(outputPath ?? Path.Combine(connectorDirectory, OutputName(connectorDirectory)));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        List<string> arguments =
        [
            .. TargetArguments(toolchain), "-mexec-model=reactor", "-O2", "-std=c11", "-Wall",
            $"--ld-path={toolchain.WasmLd}", "-I", sdkDirectory, "-I", connectorDirectory, "-o", output,
            .. sources, .. SdkSources.Select(s => Path.Combine(sdkDirectory, s)),
        ];
        var commandLine = string.Join(' ', [toolchain.Clang, .. arguments]);
        var result = await ToolProcess.RunAsync(toolchain.Clang, arguments, CompileTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            var advice = result.Stderr.Contains("libclang_rt.builtins", StringComparison.Ordinal) ? $"; {InstallAdvice}" : "";
            return new(null, $"Compiling {connectorDirectory} failed (clang exit {result.ExitCode}){advice}:\n{result.Stderr.Trim()}", commandLine);
        }

        return new(output, null, commandLine);
    }

    /// <summary>The connector's own sources: <c>*.c</c> in the folder and anywhere under <c>src/</c>, in ordinal order.</summary>
    public static IReadOnlyList<string> ConnectorSources(string connectorDirectory)
    {
        var top = Directory.Exists(connectorDirectory) ? Directory.EnumerateFiles(connectorDirectory, "*.c") : [];
        var src = Path.Combine(connectorDirectory, "src");
        var nested = Directory.Exists(src) ? Directory.EnumerateFiles(src, "*.c", SearchOption.AllDirectories) : [];
        return [.. top.Concat(nested).Select(Path.GetFullPath).Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> TargetArguments(CToolchain toolchain) =>
        toolchain.Sysroot is null ? ["--target=wasm32-wasi"] : ["--target=wasm32-wasi", $"--sysroot={toolchain.Sysroot}"];

    /// <summary>The manifest's top-level <c>wasm</c> key, else <c>&lt;name&gt;.wasm</c>, else the folder's name.</summary>
    private static string OutputName(string connectorDirectory)
    {
        var manifest = Path.Combine(connectorDirectory, "connector.toml");
        string? wasm = null, name = null;
        if (File.Exists(manifest))
        {
            foreach (var line in File.ReadLines(manifest))
            {
                if (line.TrimStart().StartsWith('['))
                {
                    break;
                }

                var match = TopLevelString().Match(line);
                if (match.Success)
                {
                    wasm = match.Groups["key"].Value == "wasm" ? match.Groups["value"].Value : wasm;
                    name = match.Groups["key"].Value == "name" ? match.Groups["value"].Value : name;
                }
            }
        }

        return wasm is not null && !wasm.Contains('/', StringComparison.Ordinal) && !wasm.Contains('\\', StringComparison.Ordinal) ? wasm
            : $"{name ?? new DirectoryInfo(connectorDirectory).Name}.wasm";
    }

    private static bool HasWasiLibc(string? sysroot) =>
        sysroot is not null
            ? File.Exists(Path.Combine(sysroot, "lib", "wasm32-wasi", "libc.a"))
            : File.Exists("/usr/lib/wasm32-wasi/libc.a") && File.Exists("/usr/include/wasm32-wasi/stdlib.h");

    private static string? OnPath(string path, IEnumerable<string> names)
    {
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return names.SelectMany(name => directories.Select(dir => Executable(Path.Combine(dir, name)))).FirstOrDefault(path => path is not null);
    }

    private static string? Executable(string path) => File.Exists(path) ? path : null;

    [GeneratedRegex("""^\s*(?<key>name|wasm)\s*=\s*"(?<value>[^"]*)"\s*(#.*)?$""")]
    private static partial Regex TopLevelString();
}
