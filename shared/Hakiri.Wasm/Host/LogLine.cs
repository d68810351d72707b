using System.Globalization;
using System.Text;

namespace Hakiri.Wasm.Host;

/// <summary>
/// Makes a guest's message safe for a line-oriented log: one line, no terminal escapes, no bidirectional overrides,
/// no lone surrogates, at most a given number of UTF-8 bytes.
/// </summary>
internal static class LogLine
{
    /// <summary>The message with unsafe characters escaped (<c>\n</c>, <c>\u001B</c>) and cut to <paramref name="maxBytes"/>.</summary>
    public static string Clean(string message, int maxBytes)
    {
        var builder = new StringBuilder(Math.Min(message.Length, maxBytes) + 16);
        var bytes = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            string? piece = null;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < message.Length && char.IsLowSurrogate(message[i + 1]))
            {
                piece = message.Substring(i, 2);
                width = 2;
            }
            else if (char.IsSurrogate(c))
            {
                piece = "\uFFFD";
            }
            else if (Escape(c) is { } escaped)
            {
                piece = escaped;
            }

            var pieceBytes = piece is null ? Utf8Length(c) : Encoding.UTF8.GetByteCount(piece);
            if (bytes + pieceBytes > maxBytes)
            {
                var rest = Encoding.UTF8.GetByteCount(message.AsSpan(i));
                builder.Append(CultureInfo.InvariantCulture, $"… [{rest} more bytes cut]");
                return builder.ToString();
            }

            bytes += pieceBytes;
            if (piece is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(piece);
            }

            i += width - 1;
        }

        return builder.ToString();
    }

    private static string? Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        // C0 and C1 controls and DEL (terminal escapes), line and paragraph separators, and bidirectional
        // embeddings, overrides and isolates, which can make a line read differently from what it holds.
        < ' ' or (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') =>
            $"\\u{(int)c:X4}",
        _ => null,
    };

    private static int Utf8Length(char c) => c switch
    {
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ => 3,
    };
}
