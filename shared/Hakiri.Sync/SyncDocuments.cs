using System.Text.Json.Serialization;
using Hakiri.Store.Catalog;

namespace Hakiri.Sync;

/// <summary>Who pushes or holds the lease: a person-readable holder and the store's install id.</summary>
/// <param name="Holder"><c>user@host</c>.</param>
/// <param name="InstallId">The store's install id (12 hex digits, kept in its catalog).</param>
public sealed record SyncIdentity(
    [property: JsonPropertyName("holder")] string Holder,
    [property: JsonPropertyName("install_id")] string InstallId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Holder} (install {InstallId})";
}

/// <summary><c>HEAD.json</c>: which snapshot is current.</summary>
internal sealed record HeadDocument(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("snapshot")] string Snapshot,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("updated_by")] SyncIdentity UpdatedBy);

/// <summary>An immutable snapshot: every table's state as of one push.</summary>
internal sealed record SnapshotDocument(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("created_by")] SyncIdentity CreatedBy,
    [property: JsonPropertyName("tables")] IReadOnlyList<RemoteTable> Tables);

/// <summary>One table in a snapshot: its version counter, who last changed it, its catalog state and its files' blobs.</summary>
internal sealed record RemoteTable(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("changed_at")] DateTimeOffset ChangedAt,
    [property: JsonPropertyName("changed_by")] SyncIdentity ChangedBy,
    [property: JsonPropertyName("state")] TableSyncState State,
    [property: JsonPropertyName("blobs")] IReadOnlyList<RemoteBlob> Blobs)
{
    public long Bytes => Blobs.Sum(b => b.Bytes);
}

/// <summary>A store file (data file or a file of a sidecar segment) and the blob holding its bytes.</summary>
internal sealed record RemoteBlob(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);

/// <summary><c>lease.json</c>: who may push until when.</summary>
/// <param name="Format">The protocol version.</param>
/// <param name="LeaseId">A random id per acquisition, so two acquisitions never write the same bytes (and ETag).</param>
/// <param name="Holder">The holder.</param>
/// <param name="Operation">What it holds it for (<c>push</c>).</param>
/// <param name="AcquiredAt">When it was taken.</param>
/// <param name="ExpiresAt">When it lapses unless renewed; a released lease expires at its release time.</param>
public sealed record LeaseDocument(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("lease_id")] string LeaseId,
    [property: JsonPropertyName("holder")] SyncIdentity Holder,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("acquired_at")] DateTimeOffset AcquiredAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HeadDocument))]
[JsonSerializable(typeof(SnapshotDocument))]
[JsonSerializable(typeof(LeaseDocument))]
[JsonSerializable(typeof(ProbeDocument))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;

/// <summary>What <c>diagnose</c> writes to probe the bucket.</summary>
internal sealed record ProbeDocument([property: JsonPropertyName("probe")] string Probe, [property: JsonPropertyName("at")] DateTimeOffset At);
