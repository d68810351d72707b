namespace Hakiri.Connectors.Contract;

/// <summary>
/// A source connector: the C# mirror of <c>wit/connector.wit</c>'s <c>source</c> interface, so built-in and
/// WebAssembly connectors are one kind of thing to the steps. A connector is created per step invocation from the
/// pipeline's manifest and the host's <see cref="ConnectorServices"/>.
/// </summary>
public interface ISourceConnector
{
    /// <summary>The tables this source produces with its configuration (one for the built-in connectors).</summary>
    /// <exception cref="ConnectorException">The source could not be reached or is misconfigured.</exception>
    ValueTask<IReadOnlyList<TableSchema>> DiscoverAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens a read of <paramref name="table"/> resuming after <paramref name="cursor"/> (<see langword="null"/>: from the start).</summary>
    /// <param name="table">A table name <see cref="DiscoverAsync"/> returned.</param>
    /// <param name="cursor">An opaque cursor a reader of this connector produced; the host never looks inside.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    ValueTask<ISourceReader> OpenAsync(string table, ReadOnlyMemory<byte>? cursor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the connector, before the first read of a run, which cursor of <paramref name="table"/> the store has
    /// committed: what the source may now forget (a replication slot releases the changes before it). Only a committed
    /// cursor is ever acknowledged — never one a pull-batch staged, whose rows a crash may still lose. Most sources
    /// keep nothing for their readers and ignore it.
    /// </summary>
    /// <param name="table">A table name <see cref="DiscoverAsync"/> returned.</param>
    /// <param name="committed">The cursor the catalog holds for the table.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask AcknowledgeAsync(string table, ReadOnlyMemory<byte> committed, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

/// <summary>A read handle: batches in order, and after each one the cursor that resumes right after it.</summary>
public interface ISourceReader : IAsyncDisposable
{
    /// <summary>The next batch, or <see langword="null"/> when the source has no more records for this read.</summary>
    /// <exception cref="ConnectorException">The read failed; <see cref="ConnectorException.Kind"/> says whether a retry may help.</exception>
    ValueTask<SourceBatch?> NextAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a batch may follow the last one <see cref="NextAsync"/> returned (WIT <c>batch.has-more</c>): false once
    /// the reader knows the read is over — the source said so with the last batch, or <see cref="NextAsync"/> returned
    /// <see langword="null"/>. A host that stops between batches resumes from <see cref="Cursor"/> only while this is
    /// true; after the end, that cursor starts the next run.
    /// </summary>
    bool HasMore { get; }

    /// <summary>
    /// The cursor after the last batch <see cref="NextAsync"/> returned. Passed to <see cref="ISourceConnector.OpenAsync"/>
    /// it resumes there; after the end it is the point the next run starts from (e.g. an incremental high-water mark).
    /// </summary>
    ReadOnlyMemory<byte> Cursor { get; }
}
