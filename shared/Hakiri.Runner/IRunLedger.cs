using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;

namespace Hakiri.Runner;

/// <summary>Records runs in the catalog: recovers after interrupted runs, marks a run started and finished.</summary>
public interface IRunLedger : IAsyncDisposable
{
    /// <summary>Prepares the store for a run (lock, recovery) and records its start; returns runs found interrupted.</summary>
    Task<IReadOnlyList<string>> BeginAsync(string runId, string project, IReadOnlyList<string> pipelines, string? definitionSha256, CancellationToken cancellationToken = default);

    /// <summary>Records the run's end.</summary>
    Task FinishAsync(string runId, string? error, CancellationToken cancellationToken = default);

    /// <summary>Keeps the run's execution history (GetExecutionHistory-shaped JSON) at <c>runs/&lt;run-id&gt;/history.json</c>.</summary>
    Task RecordHistoryAsync(string runId, string historyJson, CancellationToken cancellationToken = default);
}

/// <summary>Where a run's history lives in a store.</summary>
public static class RunHistoryFiles
{
    /// <summary>The store-relative path of a run's execution history.</summary>
    public static string Of(string runId) => $"runs/{runId}/history.json";
}

/// <summary>The ledger of a local store: holds the store lock from begin to dispose, and recovers interrupted runs.</summary>
public sealed class LocalRunLedger(StoreLayout layout, TimeProvider clock) : IRunLedger
{
    private StoreLock? _lock;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> BeginAsync(string runId, string project, IReadOnlyList<string> pipelines, string? definitionSha256, CancellationToken cancellationToken = default)
    {
        _lock = await StoreLock.AcquireAsync(layout, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        using var catalog = CatalogDatabase.Open(layout, clock);
        var recovered = StoreJanitor.Recover(layout, catalog);
        catalog.BeginRun(runId, project, pipelines);
        if (definitionSha256 is not null)
        {
            catalog.SetRunDefinition(runId, definitionSha256);
        }

        return recovered.InterruptedRuns;
    }

    /// <inheritdoc />
    public Task FinishAsync(string runId, string? error, CancellationToken cancellationToken = default)
    {
        using (var catalog = CatalogDatabase.Open(layout, clock))
        {
            catalog.FinishRun(runId, error is null, error);
        }

        var staging = layout.Absolute($"staging/{runId}");
        if (error is null && Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task RecordHistoryAsync(string runId, string historyJson, CancellationToken cancellationToken = default)
    {
        var path = layout.Absolute(RunHistoryFiles.Of(runId));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, historyJson, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _lock?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The ledger of a store in object storage: each record is a conditional catalog commit, retried on contention.</summary>
public sealed class MirroredRunLedger(StoreMirror mirror, TimeProvider clock) : IRunLedger
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> BeginAsync(string runId, string project, IReadOnlyList<string> pipelines, string? definitionSha256, CancellationToken cancellationToken = default)
    {
        await UpdateAsync(catalog =>
        {
            catalog.BeginRun(runId, project, pipelines);
            if (definitionSha256 is not null)
            {
                catalog.SetRunDefinition(runId, definitionSha256);
            }
        }, cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <inheritdoc />
    public Task FinishAsync(string runId, string? error, CancellationToken cancellationToken = default) =>
        UpdateAsync(catalog => catalog.FinishRun(runId, error is null, error), cancellationToken);

    /// <inheritdoc />
    public async Task RecordHistoryAsync(string runId, string historyJson, CancellationToken cancellationToken = default)
    {
        var path = mirror.Local.Absolute(RunHistoryFiles.Of(runId));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, historyJson, cancellationToken).ConfigureAwait(false);
        await mirror.Remote.UploadAsync(RunHistoryFiles.Of(runId), path, PutCondition.None, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task UpdateAsync(Action<CatalogDatabase> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await mirror.PullCatalogAsync(cancellationToken).ConfigureAwait(false);
            using (var catalog = CatalogDatabase.Open(mirror.Local, clock))
            {
                change(catalog);
            }

            try
            {
                await mirror.PushCatalogAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PreconditionFailedException) when (attempt < 8)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
