using System.Runtime.CompilerServices;
using System.Text;
using Hakiri.DuckDb.Native;

namespace Hakiri.DuckDb;

/// <summary>
/// Reads the values of one vector of the current chunk. Bound once per chunk (data and validity pointers cached),
/// then read row by row without further native calls for scalar types. Nested types bind their child vectors too.
/// </summary>
internal sealed unsafe class VectorReader
{
    private readonly VectorReader[] _children;
    private byte* _data;
    private ulong* _validity;
    private byte* _unionTags;

    public VectorReader(DuckDbColumnType type)
    {
        Type = type;
        _children = type.Children.Select(child => new VectorReader(child.Type)).ToArray();
    }

    /// <summary>The type of the values this reader returns.</summary>
    public DuckDbColumnType Type { get; }

    /// <summary>Points the reader at <paramref name="vector"/>, which must stay alive while values are read.</summary>
    public void Bind(nint vector)
    {
        _data = (byte*)DuckDbNative.duckdb_vector_get_data(vector);
        _validity = DuckDbNative.duckdb_vector_get_validity(vector);
        switch (Type.Kind)
        {
            case DuckDbTypeKind.List or DuckDbTypeKind.Map:
                // A map is a list of (key, value) structs: the struct vector holds the two children.
                var child = DuckDbNative.duckdb_list_vector_get_child(vector);
                if (Type.Kind == DuckDbTypeKind.Map)
                {
                    _children[0].Bind(DuckDbNative.duckdb_struct_vector_get_child(child, 0));
                    _children[1].Bind(DuckDbNative.duckdb_struct_vector_get_child(child, 1));
                }
                else
                {
                    _children[0].Bind(child);
                }

                break;
            case DuckDbTypeKind.Array:
                _children[0].Bind(DuckDbNative.duckdb_array_vector_get_child(vector));
                break;
            case DuckDbTypeKind.Struct:
                for (var i = 0; i < _children.Length; i++)
                {
                    _children[i].Bind(DuckDbNative.duckdb_struct_vector_get_child(vector, (ulong)i));
                }

                break;
            case DuckDbTypeKind.Union:
                // A union is stored as a struct whose first child is the tag and the rest the members.
                for (var i = 0; i < _children.Length; i++)
                {
                    _children[i].Bind(DuckDbNative.duckdb_struct_vector_get_child(vector, (ulong)i + 1));
                }

                _unionTags = (byte*)DuckDbNative.duckdb_vector_get_data(DuckDbNative.duckdb_struct_vector_get_child(vector, 0));
                break;
        }
    }

    /// <summary>Whether the value at <paramref name="row"/> is NULL (a missing validity mask means all valid).</summary>
    public bool IsNull(ulong row) => _validity != null && (_validity[row >> 6] & (1UL << (int)(row & 63))) == 0;

    /// <summary>Whether any of the first <paramref name="count"/> values is NULL.</summary>
    public bool AnyNull(ulong count)
    {
        if (_validity == null)
        {
            return false;
        }

        var words = new ReadOnlySpan<ulong>(_validity, (int)(count >> 6));
        if (words.ContainsAnyExcept(ulong.MaxValue))
        {
            return true;
        }

        var rest = (int)(count & 63);
        return rest > 0 && (_validity[count >> 6] | (ulong.MaxValue << rest)) != ulong.MaxValue;
    }

    /// <summary>The first <paramref name="count"/> raw values as <typeparamref name="T"/>.</summary>
    public ReadOnlySpan<T> Span<T>(int count)
        where T : unmanaged => new(_data, count);

    /// <summary>The raw value at <paramref name="row"/> reinterpreted as <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Raw<T>(ulong row)
        where T : unmanaged => ((T*)_data)[row];

    /// <summary>The bytes of a VARCHAR, BLOB or BIT value (inlined strings live inside the 16-byte struct).</summary>
    public ReadOnlySpan<byte> Bytes(ulong row)
    {
        var value = (NativeStringT*)_data + row;
        var length = (int)value->Length;
        return length <= NativeStringT.InlineLength
            ? new ReadOnlySpan<byte>((byte*)value + sizeof(uint), length)
            : new ReadOnlySpan<byte>((void*)value->Pointer, length);
    }

    /// <summary>The UTF-8 text of a VARCHAR value.</summary>
    public string String(ulong row) => Encoding.UTF8.GetString(Bytes(row));

    /// <summary>The child reader <paramref name="index"/> (list/array element, map key/value, struct field, union member).</summary>
    public VectorReader Child(int index) => _children[index];

    /// <summary>The slice of the child vector a list or map value occupies.</summary>
    public (ulong Offset, ulong Length) ListEntry(ulong row)
    {
        var entry = ((NativeListEntry*)_data)[row];
        return (entry.Offset, entry.Length);
    }

    /// <summary>The index of the member a union value holds.</summary>
    public int UnionTag(ulong row) => _unionTags[row];
}
