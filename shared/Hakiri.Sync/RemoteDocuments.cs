using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hakiri.Store.Objects;

namespace Hakiri.Sync;

/// <summary>Reads and writes the protocol's small JSON documents through the object store seam (whole-object get and put).</summary>
internal sealed class RemoteDocuments(IObjectStore store)
{
    public IObjectStore Store { get; } = store;

    /// <summary>The document at <paramref name="key"/> and its ETag, or (null, null) when there is none.</summary>
    public async Task<(T? Value, string? ETag)> ReadAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var path = TempPath();
        try
        {
            var etag = await Store.DownloadAsync(key, path, cancellationToken).ConfigureAwait(false);
            if (etag is null)
            {
                return (null, null);
            }

            await using var stream = File.OpenRead(path);
            var value = await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The sync document {Store.Display}/{key} is empty.");
            return (value, etag);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The sync document {Store.Display}/{key} is not valid JSON ({e.Message}); it was not written by this protocol.", e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/> under <paramref name="condition"/>; returns the new ETag.</summary>
    /// <exception cref="PreconditionFailedException">The condition did not hold.</exception>
    public async Task<string> WriteAsync<T>(string key, T value, JsonTypeInfo<T> type, PutCondition condition, CancellationToken cancellationToken)
    {
        var path = TempPath();
        try
        {
            await File.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, type), cancellationToken).ConfigureAwait(false);
            return await Store.UploadAsync(key, path, condition, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The current snapshot, its pointer and the pointer's ETag; all null when nothing was ever pushed.</summary>
    public async Task<RemoteHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var (head, etag) = await ReadAsync(SyncProtocol.HeadKey, SyncJsonContext.Default.HeadDocument, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return new RemoteHead(null, null, null);
        }

        var (snapshot, _) = await ReadAsync(head.Snapshot, SyncJsonContext.Default.SnapshotDocument, cancellationToken).ConfigureAwait(false);
        return snapshot is null
            ? throw new InvalidDataException($"{Store.Display}/{SyncProtocol.HeadKey} points at {head.Snapshot}, which is missing; the remote was damaged outside hakiri.")
            : new RemoteHead(head, etag, snapshot);
    }

    private static string TempPath() => Path.Combine(Path.GetTempPath(), "hakiri-sync-" + Guid.NewGuid().ToString("N") + ".json");
}

/// <summary>The remote's current pointer and snapshot.</summary>
internal sealed record RemoteHead(HeadDocument? Head, string? ETag, SnapshotDocument? Snapshot)
{
    public RemoteTable? Find(string table) => Snapshot?.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.Ordinal));
}
