using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>
/// The cursor of a postgres source in <c>cdc</c> mode (UTF-8 JSON, <c>{"v":1,"mode":"cdc",...}</c>), readable in the
/// catalog with sqlite3. Its phase says what the next read does: <c>reset</c> (a first run: the store's rows are
/// about to be replaced), <c>snapshot</c> (reading the table by keyset after <see cref="After"/>) or <c>stream</c>
/// (applying the slot's changes from <see cref="Lsn"/>). In the first two phases <see cref="Lsn"/> is the slot's
/// consistent point, where the stream will start once the snapshot is read.
/// </summary>
internal sealed record CdcCursor
{
    /// <summary>The format version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The first phase of a run with no cursor: the stored rows are dropped before the snapshot lands.</summary>
    public const string ResetPhase = "reset";

    /// <summary>Reading the table by keyset.</summary>
    public const string SnapshotPhase = "snapshot";

    /// <summary>Applying the change stream.</summary>
    public const string StreamPhase = "stream";

    /// <summary>The format version.</summary>
    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Always <c>cdc</c>: a snapshot or incremental cursor is not resumed by this mode.</summary>
    [JsonPropertyName("mode")]
    public string Mode { get; init; } = "cdc";

    /// <summary><see cref="ResetPhase"/>, <see cref="SnapshotPhase"/> or <see cref="StreamPhase"/>.</summary>
    [JsonPropertyName("phase")]
    public required string Phase { get; init; }

    /// <summary>The replication slot the LSN belongs to.</summary>
    [JsonPropertyName("slot")]
    public required string Slot { get; init; }

    /// <summary>Where the change stream starts (or resumes): a transaction boundary, as PostgreSQL writes LSNs (<c>0/16B3748</c>).</summary>
    [JsonPropertyName("lsn")]
    public required string Lsn { get; init; }

    /// <summary>
    /// Stream phase, mid-run: the position the run catches up with, taken by its first stream read; <see langword="null"/>
    /// in the cursor a run ends with (the next run takes a new one).
    /// </summary>
    [JsonPropertyName("until")]
    public string? Until { get; init; }

    /// <summary>Snapshot phase: the key columns <see cref="After"/> follows.</summary>
    [JsonPropertyName("columns")]
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Snapshot phase: the last key read (text form per column); <see langword="null"/> before the first page.</summary>
    [JsonPropertyName("after")]
    public IReadOnlyList<string>? After { get; init; }

    /// <summary>The LSN as Npgsql's type.</summary>
    [JsonIgnore]
    public NpgsqlLogSequenceNumber Position => NpgsqlLogSequenceNumber.Parse(Lsn);

    /// <summary>The cursor bytes.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, this, CdcJsonContext.Default.CdcCursor);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses cursor bytes; <see langword="null"/> when they are not a cdc cursor of this format version.</summary>
    public static CdcCursor? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize(bytes, CdcJsonContext.Default.CdcCursor);
            return cursor is { Version: CurrentVersion, Mode: "cdc" } && NpgsqlLogSequenceNumber.TryParse(cursor.Lsn, out _) ? cursor : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The cdc cursor's source-generated JSON contract (no reflection; AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CdcCursor))]
[JsonSerializable(typeof(IReadOnlyList<IReadOnlyList<string>>))]
internal sealed partial class CdcJsonContext : JsonSerializerContext;
