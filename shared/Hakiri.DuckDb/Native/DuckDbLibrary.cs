using System.Reflection;
using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

/// <summary>
/// Finds and loads DuckDB's native library, in this order: the file named by <c>HAKIRI_DUCKDB_LIBRARY</c>; the
/// <c>libduckdb.so</c> the build copies beside the application; the platform's default search (<c>LD_LIBRARY_PATH</c>: on
/// Lambda that holds /opt/lib, where the DuckDB layer unpacks, ADR 0029). A library that cannot
/// be found fails with a sentence saying what to do, at the first DuckDB call instead of as a bare DllNotFoundException.
/// </summary>
internal static class DuckDbLibrary
{
    /// <summary>The environment variable naming a user's own DuckDB build.</summary>
    public const string EnvironmentVariable = "HAKIRI_DUCKDB_LIBRARY";

    /// <summary>The file name the build places beside applications.</summary>
    public const string FileName = "libduckdb.so";

    private static readonly Lazy<nint> Loaded = new(() => Load(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory));
    private static int _registered;

    /// <summary>Installs the resolver for this assembly's imports; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(DuckDbLibrary).Assembly, Resolve);
        }
    }

    /// <summary>Loads the library now, so a missing one surfaces as a <see cref="DuckDbException"/> from the caller.</summary>
    public static void EnsureLoaded()
    {
        Register();
        _ = Loaded.Value;
    }

    /// <summary>
    /// Loads DuckDB given the value of <c>HAKIRI_DUCKDB_LIBRARY</c> and the application's folder; pure apart from the
    /// loading itself, so tests can drive it without touching the process environment. <paramref name="fileName"/>
    /// exists for those tests too.
    /// </summary>
    /// <exception cref="DuckDbException">No candidate could be loaded.</exception>
    public static nint Load(string? configuredPath, string baseDirectory, string fileName = FileName)
    {
        if (!string.IsNullOrEmpty(configuredPath))
        {
            // A user who names a library means that one: silently using another build would hide their mistake.
            if (!File.Exists(configuredPath))
            {
                throw new DuckDbException(
                    $"{EnvironmentVariable} is set to '{configuredPath}', but no file exists there. Point it at a libduckdb.so " +
                    "(DuckDB 1.5), or unset it to use the copy the build places beside the application (from the NuGet package DuckDB.NET.Bindings.Full).");
            }

            if (NativeLibrary.TryLoad(configuredPath, out var configured))
            {
                return configured;
            }

            throw new DuckDbException(
                $"{EnvironmentVariable} is set to '{configuredPath}', but that file could not be loaded as a native library " +
                "(wrong architecture, or missing dependencies). Point it at a libduckdb.so for this machine, or unset it.");
        }

        var beside = Path.Combine(baseDirectory, fileName);
        if (File.Exists(beside) && NativeLibrary.TryLoad(beside, out var bundled))
        {
            return bundled;
        }

        if (NativeLibrary.TryLoad(fileName, typeof(DuckDbLibrary).Assembly, DllImportSearchPath.SafeDirectories, out var system))
        {
            return system;
        }

        throw new DuckDbException(
            $"DuckDB's native library was not found: there is no loadable {fileName} in {baseDirectory} or on the system library path. " +
            $"Restore and rebuild (the build copies it beside the application from the NuGet package DuckDB.NET.Bindings.Full), or set {EnvironmentVariable} to the path of a libduckdb.so.");
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == DuckDbNative.Library ? Loaded.Value : 0;
}
