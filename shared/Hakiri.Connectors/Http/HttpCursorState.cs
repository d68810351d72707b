using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Connectors.Http;

/// <summary>
/// The cursor of the http and github connectors (UTF-8 JSON, <c>{"v":1,...}</c>). Mid-read it holds the pagination
/// position (<see cref="NextUrl"/>, <see cref="NextCursor"/> or <see cref="Position"/>); at the end of a read it holds
/// none, and <see cref="Since"/> is where the next run starts.
/// </summary>
internal sealed record HttpCursorState
{
    /// <summary>The format version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version.</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The incremental value this read sends (a JSON string or number), or null for a full read.</summary>
    [JsonPropertyName("since")]
    public JsonElement? Since { get; init; }

    /// <summary>Mid-read: the largest incremental value seen so far in this read.</summary>
    [JsonPropertyName("max")]
    public JsonElement? Max { get; init; }

    /// <summary>Mid-read (link, next_url): the next page's URL, without secrets.</summary>
    [JsonPropertyName("next_url")]
    public string? NextUrl { get; init; }

    /// <summary>Mid-read (cursor): the cursor value to send for the next page.</summary>
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    /// <summary>Mid-read (offset, page): the next offset or page number.</summary>
    [JsonPropertyName("position")]
    public long? Position { get; init; }

    /// <summary>Pages this read has fetched, for the max_pages guard across resumes.</summary>
    [JsonPropertyName("pages")]
    public int Pages { get; init; }

    /// <summary>The ETag of the first page of the last complete read, sent as If-None-Match by the next run.</summary>
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    /// <summary>Mid-read: the ETag of this read's first page, which becomes <see cref="ETag"/> when the read ends.</summary>
    [JsonPropertyName("read_etag")]
    public string? ReadETag { get; init; }

    /// <summary>Whether a read is in progress (there is a next page to fetch).</summary>
    [JsonIgnore]
    public bool MidRead => NextUrl is not null || NextCursor is not null || Position is not null;

    /// <summary>The state the next run starts from, after a read that ended here.</summary>
    public HttpCursorState Ended() => new()
    {
        Since = Max ?? Since,
        ETag = ReadETag ?? ETag,
    };

    /// <summary>The cursor bytes.</summary>
    public byte[] ToBytes()
    {
        // Relaxed escaping: the cursor is stored as text in the catalog, and an ETag's quotes should read as quotes there.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, this, HttpJsonContext.Default.HttpCursorState);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses cursor bytes; <see langword="null"/> when they are not a cursor of this format version.</summary>
    public static HttpCursorState? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var state = JsonSerializer.Deserialize(bytes, HttpJsonContext.Default.HttpCursorState);
            return state?.Version == CurrentVersion ? state : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The assembly's source-generated JSON contract (no reflection; AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpCursorState))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
