using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Connectors.Cassettes;

[JsonSerializable(typeof(Cassette))]
internal sealed partial class CassetteJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context cassettes are read and written with: relaxed escaping so URLs in <c>Link</c> headers and non-ASCII
    /// text stay readable (a cassette is a file, never HTML), and <c>\n</c> line ends on every platform.
    /// </summary>
    public static CassetteJsonContext File { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    });
}
