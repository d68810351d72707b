using System.Text;

namespace Hakiri.Wasm.Runtime;

/// <summary>
/// Just enough of the WebAssembly binary format to tell a core module from a component, find the core modules a
/// component embeds (top-level section id 1) and read a core module's export names (section id 7).
/// </summary>
internal static class WasmBinary
{
    private static ReadOnlySpan<byte> Magic => "\0asm"u8;

    public static bool IsCoreModule(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 && bytes[..4].SequenceEqual(Magic) && bytes[4] == 1 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0;

    /// <summary>Whether the bytes start with a component preamble (version 0x0d, layer 1).</summary>
    public static bool IsComponent(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 && bytes[..4].SequenceEqual(Magic) && bytes[4] == 0x0d && bytes[5] == 0 && bytes[6] == 1 && bytes[7] == 0;

    /// <summary>The core modules a component embeds at its top level, in order.</summary>
    /// <exception cref="FormatException">A section runs past the end of the bytes.</exception>
    public static IReadOnlyList<ReadOnlyMemory<byte>> CoreModules(ReadOnlyMemory<byte> component)
    {
        var modules = new List<ReadOnlyMemory<byte>>();
        foreach (var (id, contents) in Sections(component))
        {
            if (id == 1)
            {
                modules.Add(contents);
            }
        }

        return modules;
    }

    /// <summary>The names a core module exports.</summary>
    /// <exception cref="FormatException">The export section is malformed.</exception>
    public static IReadOnlyList<string> ExportNames(ReadOnlyMemory<byte> module)
    {
        var names = new List<string>();
        foreach (var (id, contents) in Sections(module))
        {
            if (id != 7)
            {
                continue;
            }

            var span = contents.Span;
            var position = 0;
            var count = ReadUnsigned(span, ref position);
            for (uint i = 0; i < count; i++)
            {
                var length = (int)ReadUnsigned(span, ref position);
                if (length < 0 || position + length > span.Length)
                {
                    throw new FormatException("an export name runs past the export section");
                }

                names.Add(Encoding.UTF8.GetString(span.Slice(position, length)));
                position += length + 1;
                ReadUnsigned(span, ref position);
            }
        }

        return names;
    }

    private static List<(byte Id, ReadOnlyMemory<byte> Contents)> Sections(ReadOnlyMemory<byte> binary)
    {
        var sections = new List<(byte, ReadOnlyMemory<byte>)>();
        var span = binary.Span;
        var position = 8;
        while (position < span.Length)
        {
            var id = span[position++];
            var size = ReadUnsigned(span, ref position);
            if (size > (uint)(span.Length - position))
            {
                throw new FormatException($"section {id} at byte {position} runs past the end of the binary");
            }

            sections.Add((id, binary.Slice(position, (int)size)));
            position += (int)size;
        }

        return sections;
    }

    private static uint ReadUnsigned(ReadOnlySpan<byte> span, ref int position)
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new FormatException("a LEB128 number runs past the end of the binary");
            }

            var b = span[position++];
            result |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("a LEB128 number is longer than 5 bytes");
    }
}
