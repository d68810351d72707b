using System.Text.Json.Serialization;

namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// Recorded HTTP exchanges of one pipeline (<c>fixtures/&lt;pipeline&gt;/cassette.json</c>): written by
/// <see cref="CassetteRecorder"/>, served by <see cref="CassetteReplayer"/>. The format is documented in
/// <c>docs/connectors.md</c>.
/// </summary>
/// <param name="Version">The format version; this Hakiri reads and writes <see cref="CurrentVersion"/>.</param>
/// <param name="RecordedAt">When the recording was saved.</param>
/// <param name="Interactions">The exchanges in the order their responses arrived.</param>
public sealed record Cassette(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("recorded_at")] DateTimeOffset RecordedAt,
    [property: JsonPropertyName("interactions")] IReadOnlyList<CassetteInteraction> Interactions)
{
    /// <summary>The format version this Hakiri writes and the only one it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Reads and checks a cassette file.</summary>
    /// <exception cref="CassetteFileException">The file is missing, is not valid JSON, or does not follow the format.</exception>
    public static Cassette Load(string path) => CassetteFile.Load(path);

    /// <summary>Writes the cassette to <paramref name="path"/> atomically (a temporary file, then a move), creating directories.</summary>
    public void Save(string path) => CassetteFile.Save(this, path);
}

/// <summary>One request and the response it got.</summary>
/// <param name="Request">What was sent (redacted).</param>
/// <param name="Response">What came back (redacted, decompressed).</param>
public sealed record CassetteInteraction(
    [property: JsonPropertyName("request")] CassetteRequest Request,
    [property: JsonPropertyName("response")] CassetteResponse Response);

/// <summary>A recorded request.</summary>
/// <param name="Method">The HTTP method, e.g. <c>GET</c>.</param>
/// <param name="Url">The absolute URL with secrets replaced by <see cref="Redactor.Placeholder"/>.</param>
/// <param name="Headers">The chosen headers (see <c>docs/connectors.md</c>); secret ones hold <see cref="Redactor.Placeholder"/>.</param>
/// <param name="Body">The request body when it is UTF-8 text (redacted); compared when replaying.</param>
/// <param name="BodyBase64">The request body when it is not text.</param>
public sealed record CassetteRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers = null,
    [property: JsonPropertyName("body")] string? Body = null,
    [property: JsonPropertyName("body_base64")] string? BodyBase64 = null);

/// <summary>A recorded response.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Headers">Response and content headers except <c>Date</c>, <c>Set-Cookie</c>, connection-level ones and <c>Content-Length</c>.</param>
/// <param name="Body">The decoded body when it is UTF-8 text (redacted).</param>
/// <param name="BodyBase64">The decoded body when it is not text.</param>
public sealed record CassetteResponse(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string>? Headers = null,
    [property: JsonPropertyName("body")] string? Body = null,
    [property: JsonPropertyName("body_base64")] string? BodyBase64 = null);
