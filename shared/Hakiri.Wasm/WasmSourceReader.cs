using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Runtime;

namespace Hakiri.Wasm;

/// <summary>
/// A read of one table from a WebAssembly connector: each <c>next</c> result becomes one <see cref="SourceBatch"/>.
/// A guest batch whose Arrow stream has no record batch advances <see cref="Cursor"/> and <see cref="HasMore"/> and is
/// skipped (the reader asks for the next one), so callers never see empty batches.
/// </summary>
internal sealed class WasmSourceReader(
    WasmSourceConnector connector, GuestInstance guest, int handle, string table, TableSchema? declared, ReadOnlyMemory<byte>? start) : ISourceReader
{
    private TableSchema? _schema = declared;
    private bool _over;
    private bool _disposed;
    private ConnectorException? _failure;

    public bool HasMore { get; private set; } = true;

    public ReadOnlyMemory<byte> Cursor { get; private set; } = start ?? ReadOnlyMemory<byte>.Empty;

    /// <remarks>
    /// After a failure the read is over for good: every later call throws the same error. Carrying on would ask the
    /// guest for the batch after the one that failed, and the host would land a gap.
    /// </remarks>
    public async ValueTask<SourceBatch?> NextAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is { } failure)
        {
            throw new ConnectorException(failure.Kind, failure.Message, failure.RetryAfter, failure) { Limit = failure.Limit };
        }

        try
        {
            return await ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            _failure = e;
            throw;
        }
    }

    private async ValueTask<SourceBatch?> ReadAsync(CancellationToken cancellationToken)
    {
        var call = $"next of table {table}";
        while (!_over)
        {
            var result = await guest.RunAsync(call, connector.Limits.NextTimeout, g => g.Next(handle, table), cancellationToken).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                throw error;
            }

            if (result.Value is not { } batch)
            {
                End();
                return null;
            }

            var records = ArrowBatches.Read(connector.Name, call, batch.Arrow);
            Cursor = batch.Cursor;
            HasMore = batch.HasMore;
            _over = !batch.HasMore;
            if (records is null)
            {
                continue;
            }

            _schema ??= ArrowBatches.SchemaOf(table, records.Schema);
            return new SourceBatch(records, batch.Locator, _schema);
        }

        End();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await guest.RunAsync($"the drop of the read of table {table}", connector.Limits.NextTimeout, g => g.Drop(handle), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (ConnectorException)
        {
            // The instance is poisoned (now or earlier) and reports that on its next call; a dispose does not throw.
        }
        catch (ObjectDisposedException)
        {
            // The connector was disposed first: its store, and the handle with it, are gone.
        }
    }

    private void End()
    {
        _over = true;
        HasMore = false;
    }
}
