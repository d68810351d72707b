using System.Runtime.InteropServices;

namespace Hakiri.DuckDb.Native;

// Chunks own their vectors; vector pointers are borrowed and valid only while their chunk is.
internal static unsafe partial class DuckDbNative
{
    [LibraryImport(Library)]
    internal static partial ulong duckdb_data_chunk_get_size(DataChunkHandle chunk);

    [LibraryImport(Library)]
    internal static partial nint duckdb_data_chunk_get_vector(DataChunkHandle chunk, ulong column);

    [LibraryImport(Library)]
    internal static partial void duckdb_destroy_data_chunk(ref nint chunk);

    [LibraryImport(Library)]
    internal static partial void* duckdb_vector_get_data(nint vector);

    [LibraryImport(Library)]
    internal static partial ulong* duckdb_vector_get_validity(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_list_vector_get_child(nint vector);

    [LibraryImport(Library)]
    internal static partial nint duckdb_struct_vector_get_child(nint vector, ulong index);

    [LibraryImport(Library)]
    internal static partial nint duckdb_array_vector_get_child(nint vector);
}
