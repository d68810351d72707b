using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hakiri.Mcp.Query;

/// <summary>
/// How result JSON is written. The text block of a tool result is read by a language model as is, so characters like
/// <c>+</c>, <c>'</c> and non-ASCII letters stay literal instead of becoming <c>\u002B</c> escapes; the JSON is never
/// embedded in HTML, where that escaping would matter.
/// </summary>
internal static class JsonOutput
{
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
