using System.Buffers;
using System.Text.Unicode;
using Hakiri.Toml.Parsing;

namespace Hakiri.Toml;

/// <summary>Parses TOML 1.0 documents into <see cref="TomlTable"/> trees that remember where every key and value was written.</summary>
public static class TomlParser
{
    /// <summary>Parses a TOML 1.0 document.</summary>
    /// <param name="text">The document. A leading byte order mark is ignored.</param>
    /// <returns>The root table, at 1:1 with <see cref="TomlTableOrigin.Root"/>.</returns>
    /// <exception cref="TomlSyntaxException">The document is not valid TOML 1.0; the exception says why and where.</exception>
    public static TomlTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TomlDocumentReader.Read(text);
    }

    /// <summary>Parses a TOML 1.0 document from UTF-8 bytes, rejecting invalid UTF-8 as a syntax error.</summary>
    /// <param name="utf8">The document's bytes. A leading UTF-8 byte order mark is ignored.</param>
    /// <returns>The root table, at 1:1 with <see cref="TomlTableOrigin.Root"/>.</returns>
    /// <exception cref="TomlSyntaxException">The bytes are not UTF-8, or the text is not valid TOML 1.0.</exception>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8)
    {
        var chars = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new TomlSyntaxException(
                $"The document is not valid UTF-8: the bytes at offset {read} (starting 0x{utf8[Math.Min(read, utf8.Length - 1)]:X2}) are not a valid UTF-8 sequence; save the file as UTF-8.",
                PositionAfter(chars.AsSpan(0, written)));
        }

        // The decoder keeps a leading U+FEFF; the text parser skips it there, so both entry points agree.
        return TomlDocumentReader.Read(new string(chars, 0, written));
    }

    /// <summary>The position of the character that would follow <paramref name="prefix"/>.</summary>
    private static TomlPosition PositionAfter(ReadOnlySpan<char> prefix)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = prefix.Length - lineStart + 1;
        if (line == 1 && prefix.Length > 0 && prefix[0] == '\uFEFF')
        {
            column--;
        }

        return new TomlPosition(line, column);
    }
}
