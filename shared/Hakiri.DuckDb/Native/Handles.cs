using Microsoft.Win32.SafeHandles;

namespace Hakiri.DuckDb.Native;

// One SafeHandle per owned C API object: the runtime then keeps each alive for the length of a native call and frees
// it exactly once, even when a caller forgets Dispose or disposes on another thread.

internal sealed class DatabaseHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DatabaseHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_close(ref value);
        return true;
    }
}

internal sealed class ConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectionHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_disconnect(ref value);
        return true;
    }
}

internal sealed class ConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConfigHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_destroy_config(ref value);
        return true;
    }
}

internal sealed class PreparedHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PreparedHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_destroy_prepare(ref value);
        return true;
    }
}

internal sealed class ExtractedHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ExtractedHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_destroy_extracted(ref value);
        return true;
    }
}

internal sealed class LogicalTypeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public LogicalTypeHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_destroy_logical_type(ref value);
        return true;
    }
}

internal sealed class DataChunkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DataChunkHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        var value = handle;
        DuckDbNative.duckdb_destroy_data_chunk(ref value);
        return true;
    }
}

internal sealed class AppenderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public AppenderHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        // Destroy also flushes; a flush failure here has nobody to report to, DuckDbAppender.Dispose closes first.
        var value = handle;
        _ = DuckDbNative.duckdb_appender_destroy(ref value);
        return true;
    }
}
