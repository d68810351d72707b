using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

/// <summary>
/// The DuckDB C API functions this library calls, as source-generated P/Invokes (no runtime marshalling stubs, so
/// Native AOT compiles them ahead of time). Names are the C names so each maps to duckdb.h at a glance.
/// </summary>
internal static unsafe partial class DuckDbNative
{
    /// <summary>The name every import uses; <see cref="DuckDbLibrary"/> maps it to an actual file.</summary>
    internal const string Library = "duckdb";

    // An explicit static constructor runs before the first import is bound, which is what the resolver needs.
    static DuckDbNative() => DuckDbLibrary.Register();

    /// <summary>Converts a C string DuckDB allocated and frees it; null stays null.</summary>
    public static string? TakeString(nint value)
    {
        if (value == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            duckdb_free(value);
        }
    }

    [LibraryImport(Library)]
    internal static partial void duckdb_free(nint pointer);

    [LibraryImport(Library)]
    internal static partial nint duckdb_library_version();
}
