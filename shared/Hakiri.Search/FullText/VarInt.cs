namespace Hakiri.Search.FullText;

/// <summary>Unsigned LEB128 integers, the postings' compact encoding.</summary>
internal static class VarInt
{
    public static int Write(byte[] buffer, int offset, uint value)
    {
        while (value >= 0x80)
        {
            buffer[offset++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[offset++] = (byte)value;
        return offset;
    }

    public static uint Read(ReadOnlySpan<byte> buffer, ref int offset)
    {
        uint value = buffer[offset++];
        if (value < 0x80)
        {
            return value;
        }

        value &= 0x7F;
        var shift = 7;
        while (true)
        {
            uint next = buffer[offset++];
            value |= (next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }
}
