using System.IO.Compression;
using System.Text;

namespace Hakiri.Connectors.Cassettes;

/// <summary>How bodies are stored: UTF-8 text as <c>body</c>, anything else as <c>body_base64</c>.</summary>
internal static class CassetteBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text when it is valid UTF-8 without control characters (other than tab and line ends), else as base64.</summary>
    public static (string? Text, string? Base64) Encode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ("", null);
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            if (!text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return (text, null);
            }
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: stored as base64 below.
        }

        return (null, Convert.ToBase64String(bytes));
    }

    public static byte[] Decode(string? text, string? base64) =>
        text is not null ? Encoding.UTF8.GetBytes(text)
        : base64 is not null ? Convert.FromBase64String(base64)
        : [];

    /// <summary>What is wrong with a stored body, or <see langword="null"/>.</summary>
    public static string? Problem(string? text, string? base64)
    {
        if (text is not null && base64 is not null)
        {
            return "body and body_base64 are both set (keep one)";
        }

        return base64 is not null && !IsBase64(base64) ? "body_base64 is not valid base64" : null;
    }

    /// <summary>
    /// Undoes <paramref name="codings"/> (as listed in <c>Content-Encoding</c>, applied last first); <see langword="null"/>
    /// when one is not gzip, deflate or br, so the body is kept as it came.
    /// </summary>
    public static byte[]? Decompress(byte[] bytes, IReadOnlyList<string> codings)
    {
        var body = bytes;
        try
        {
            for (var i = codings.Count - 1; i >= 0; i--)
            {
                var coding = codings[i].Trim().ToLowerInvariant();
                if (coding == "identity")
                {
                    continue;
                }

                using var input = new MemoryStream(body);
                using Stream? decoder = coding switch
                {
                    "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
                    "deflate" => new ZLibStream(input, CompressionMode.Decompress),
                    "br" => new BrotliStream(input, CompressionMode.Decompress),
                    _ => null,
                };
                if (decoder is null)
                {
                    return null;
                }

                using var output = new MemoryStream();
                decoder.CopyTo(output);
                body = output.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            // The server mislabelled the body; keep it, and its Content-Encoding, as it came.
            return null;
        }

        return body;
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
