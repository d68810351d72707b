using System.Buffers.Binary;
using System.Text;
using Hakiri.Connectors.Contract;
using Wasmtime;

namespace Hakiri.Wasm.Abi;

/// <summary>
/// A guest's linear memory seen through the canonical ABI: every pointer and length the guest hands over is checked
/// (inside the memory, no overflow, aligned) before a byte is read, and every allocation the host makes goes through
/// the guest's <c>cabi_realloc</c> and has its returned pointer checked too. Spans are never kept across a guest call:
/// the memory may grow and move.
/// </summary>
internal sealed class GuestMemory(string connector, Memory memory, Function realloc)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The memory's current size in bytes.</summary>
    public long Length => memory.GetLength();

    /// <summary>The bytes at <paramref name="pointer"/>, after checking they lie inside the memory and are aligned.</summary>
    public ReadOnlySpan<byte> Read(uint pointer, ulong length, int alignment, string what, string verb = "returned")
    {
        Check(pointer, length, alignment, what, verb);
        return memory.GetSpan(pointer, (int)length);
    }

    public byte U8(uint address, string what) => Read(address, 1, 1, what)[0];

    public bool Bool(uint address, string what) => U8(address, what) != 0;

    public ushort U16(uint address, string what) => BinaryPrimitives.ReadUInt16LittleEndian(Read(address, 2, 1, what));

    public uint U32(uint address, string what) => BinaryPrimitives.ReadUInt32LittleEndian(Read(address, 4, 1, what));

    public ulong U64(uint address, string what) => BinaryPrimitives.ReadUInt64LittleEndian(Read(address, 8, 1, what));

    /// <summary>Lifts a <c>string</c> stored as (pointer, length) at <paramref name="address"/>.</summary>
    public string String(uint address, string what) => String(U32(address, what), U32(address + 4, what), what);

    /// <summary>Lifts a <c>string</c> from its pointer and length, validating UTF-8.</summary>
    public string String(uint pointer, uint length, string what, string verb = "returned")
    {
        var bytes = Read(pointer, length, 1, what, verb);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent, $"connector {connector} {verb} {what} that is not valid UTF-8.");
        }
    }

    /// <summary>Lifts a <c>list&lt;u8&gt;</c> stored as (pointer, length) at <paramref name="address"/>, copied in one block.</summary>
    public byte[] Bytes(uint address, string what) => Bytes(U32(address, what), U32(address + 4, what), what);

    /// <summary>Lifts a <c>list&lt;u8&gt;</c> from its pointer and length, copied in one block.</summary>
    public byte[] Bytes(uint pointer, uint length, string what, string verb = "returned") => Read(pointer, length, 1, what, verb).ToArray();

    /// <summary>Reads the (pointer, count) of a list at <paramref name="address"/> and checks the whole element range.</summary>
    public (uint Pointer, uint Count) List(uint address, ListType type, string what) => List(U32(address, what), U32(address + 4, what), type, what);

    /// <summary>Checks the whole element range of a list given as (pointer, count).</summary>
    public (uint Pointer, uint Count) List(uint pointer, uint count, ListType type, string what, string verb = "returned")
    {
        Check(pointer, (ulong)count * (ulong)type.ElementSize, type.ElementAlignment, what, verb);
        return (pointer, count);
    }

    /// <summary>Checks a region the guest named, e.g. its return area, before anything is read from or written to it.</summary>
    public void Check(uint pointer, ulong length, int alignment, string what, string verb = "returned")
    {
        if ((ulong)pointer + length > (ulong)memory.GetLength() || length > int.MaxValue)
        {
            throw new ConnectorException(
                ConnectorErrorKind.Permanent,
                $"connector {connector} {verb} {what} outside its linear memory (ptr 0x{pointer:x}, len {length}).");
        }

        if (pointer % (uint)alignment != 0)
        {
            throw new ConnectorException(
                ConnectorErrorKind.Permanent,
                $"connector {connector} {verb} {what} at a misaligned address (ptr 0x{pointer:x}, alignment {alignment}).");
        }
    }

    /// <summary>Asks the guest's <c>cabi_realloc</c> for <paramref name="size"/> bytes and checks what it returned.</summary>
    public uint Allocate(int size, int alignment, string what)
    {
        var result = realloc.Invoke([0, 0, alignment, size]);
        var pointer = (uint)(int)(result ?? 0);
        if ((ulong)pointer + (ulong)size > (ulong)memory.GetLength() || pointer % (uint)alignment != 0)
        {
            throw new ConnectorException(
                ConnectorErrorKind.Permanent,
                $"connector {connector}'s cabi_realloc returned space for {what} outside its linear memory (ptr 0x{pointer:x}, len {size}, alignment {alignment}).");
        }

        return pointer;
    }

    /// <summary>Lowers bytes into a fresh guest allocation; returns its pointer.</summary>
    public uint Write(ReadOnlySpan<byte> bytes, int alignment, string what)
    {
        var pointer = Allocate(bytes.Length, alignment, what);
        bytes.CopyTo(memory.GetSpan(pointer, bytes.Length));
        return pointer;
    }

    /// <summary>Lowers a string as UTF-8; returns (pointer, byte length).</summary>
    public (uint Pointer, uint Length) WriteString(string value, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return (Write(bytes, 1, what), (uint)bytes.Length);
    }

    /// <summary>A writable view of a region already checked with <see cref="Check"/> or returned by <see cref="Allocate"/>.</summary>
    public Span<byte> Writable(uint pointer, int length) => memory.GetSpan(pointer, length);

    public void WriteU8(uint address, byte value) => Writable(address, 1)[0] = value;

    public void WriteU16(uint address, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Writable(address, 2), value);

    public void WriteU32(uint address, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Writable(address, 4), value);

    public void WriteU64(uint address, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Writable(address, 8), value);
}
