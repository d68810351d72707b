using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hakiri.DuckDb.Native;

/// <summary>
/// Owns a <c>duckdb_result</c>. The C API fills a caller-provided struct and later needs its address back, so the
/// struct lives in native memory (a stable address the GC never moves) and the handle is that address.
/// </summary>
internal sealed unsafe class ResultHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ResultHandle()
        : base(ownsHandle: true)
    {
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)sizeof(NativeResult)));
    }

    /// <summary>The struct for a native call to fill; valid while this handle is.</summary>
    public NativeResult* Pointer => (NativeResult*)handle;

    /// <summary>Allocates an empty result struct.</summary>
    public static ResultHandle Allocate() => new();

    /// <summary>Fetches the next chunk, or null at the end (or after an error; see <see cref="ErrorMessage"/>).</summary>
    public DataChunkHandle? FetchChunk()
    {
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            var chunk = DuckDbNative.duckdb_fetch_chunk(*Pointer);
            return chunk.IsInvalid ? DisposeAndNull(chunk) : chunk;
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    /// <summary>DuckDB's error message for a failed result, or null.</summary>
    public string? ErrorMessage => Marshal.PtrToStringUTF8(DuckDbNative.duckdb_result_error(Pointer));

    /// <summary>DuckDB's error class for a failed result.</summary>
    public DuckDbErrorType ErrorType => (DuckDbErrorType)DuckDbNative.duckdb_result_error_type(Pointer);

    /// <summary>Builds the exception for a failed result, optionally caused by <paramref name="cause"/>.</summary>
    public DuckDbException ToException(string fallback, Exception? cause = null) =>
        new(ErrorMessage is { Length: > 0 } message ? message : fallback, ErrorType, cause);

    protected override bool ReleaseHandle()
    {
        DuckDbNative.duckdb_destroy_result((NativeResult*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }

    private static DataChunkHandle? DisposeAndNull(DataChunkHandle chunk)
    {
        chunk.Dispose();
        return null;
    }
}
