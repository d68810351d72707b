using System.Buffers.Binary;
using System.Text;

namespace Hakiri.Wasm.Tests.Support;

/// <summary>Bytes placed at fixed addresses of a test guest's memory, emitted as WAT data segments.</summary>
internal sealed class GuestImage
{
    private readonly SortedDictionary<int, byte[]> _segments = [];

    public void Bytes(int address, byte[] bytes) => _segments[address] = bytes;

    public void U8(int address, byte value) => Bytes(address, [value]);

    public void U32(int address, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Bytes(address, bytes);
    }

    public void U64(int address, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Bytes(address, bytes);
    }

    /// <summary>Writes a (pointer, length) pair at <paramref name="address"/>.</summary>
    public void Pair(int address, uint pointer, uint length)
    {
        U32(address, pointer);
        U32(address + 4, length);
    }

    /// <summary>Places <paramref name="text"/> at <paramref name="at"/> and its (pointer, length) at <paramref name="address"/>.</summary>
    public void String(int address, int at, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Bytes(at, bytes);
        Pair(address, (uint)at, (uint)bytes.Length);
    }

    public string Wat()
    {
        var text = new StringBuilder();
        foreach (var (address, bytes) in _segments)
        {
            text.Append($"  (data (i32.const {address}) \"");
            foreach (var b in bytes)
            {
                text.Append($"\\{b:x2}");
            }

            text.AppendLine("\")");
        }

        return text.ToString();
    }
}
