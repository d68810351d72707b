using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// The cursor of the postgres connector (UTF-8 JSON, <c>{"v":1,...}</c>): the key of the last row read, as
/// PostgreSQL's text form of each key column, so it casts back exactly (timestamps to the microsecond, numerics to the
/// digit). Snapshot: the primary key (or <c>ctid</c>) mid-read, nothing at the end (the next run reads everything
/// again). Incremental: the cursor column then the key, kept at the end as the next run's starting point. Nothing
/// secret: values of key columns only.
/// </summary>
internal sealed record PostgresCursor
{
    /// <summary>The format version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version.</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary><c>snapshot</c> or <c>incremental</c>: a cursor of another mode is not resumed.</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    /// <summary>The key columns <see cref="After"/> follows, in keyset order.</summary>
    [JsonPropertyName("columns")]
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The last key read (text form per column); reading resumes strictly after it.</summary>
    [JsonPropertyName("after")]
    public IReadOnlyList<string>? After { get; init; }

    /// <summary>The cursor bytes.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, this, PostgresJsonContext.Default.PostgresCursor);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses cursor bytes; <see langword="null"/> when they are not a cursor of this format version.</summary>
    public static PostgresCursor? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize(bytes, PostgresJsonContext.Default.PostgresCursor);
            return cursor?.Version == CurrentVersion ? cursor : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The postgres connector's source-generated JSON contract (no reflection; AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostgresCursor))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;
