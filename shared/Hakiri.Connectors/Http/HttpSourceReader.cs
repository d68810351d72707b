using Hakiri.Connectors.Batches;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Http;

/// <summary>A read of an http-family source: one Arrow batch per non-empty page.</summary>
internal sealed class HttpSourceReader(HttpPager pager, string table, IReadOnlyList<string> primaryKey) : ISourceReader
{
    /// <inheritdoc />
    public ReadOnlyMemory<byte> Cursor => pager.Cursor;

    /// <inheritdoc />
    public bool HasMore => pager.HasMore;

    /// <inheritdoc />
    public async ValueTask<SourceBatch?> NextAsync(CancellationToken cancellationToken = default)
    {
        while (await pager.NextPageAsync(cancellationToken).ConfigureAwait(false) is { } page)
        {
            using (page)
            {
                if (page.Records.Count > 0)
                {
                    return JsonBatches.Build(table, page.Records, page.Locator, primaryKey);
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        pager.Dispose();
        return ValueTask.CompletedTask;
    }
}
