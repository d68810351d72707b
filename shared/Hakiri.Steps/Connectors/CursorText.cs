using System.Text;

namespace Hakiri.Steps.Connectors;

/// <summary>
/// A connector's opaque cursor bytes as the catalog's <c>cursors.cursor</c> text: UTF-8 text as is when it is printable
/// (readable with sqlite3), otherwise <c>base64:</c> and the bytes in base64.
/// </summary>
internal static class CursorText
{
    private const string Base64Prefix = "base64:";
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(ReadOnlySpan<byte> cursor)
    {
        try
        {
            var text = Strict.GetString(cursor);
            if (!text.StartsWith(Base64Prefix, StringComparison.Ordinal) && !text.Any(char.IsControl))
            {
                return text;
            }
        }
        catch (DecoderFallbackException)
        {
        }

        return Base64Prefix + Convert.ToBase64String(cursor);
    }

    public static ReadOnlyMemory<byte>? Decode(string? text) =>
        text is null ? null
        : text.StartsWith(Base64Prefix, StringComparison.Ordinal) ? Convert.FromBase64String(text[Base64Prefix.Length..])
        : Encoding.UTF8.GetBytes(text);
}
