using Npgsql;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>The WAL position a change read catches up with.</summary>
internal static class WalTarget
{
    // PostgreSQL's WAL page size and the page headers (XLOG_BLCKSZ, SizeOfXLogShortPHD, SizeOfXLogLongPHD).
    private const ulong WalPage = 8192;
    private const ulong ShortPageHeader = 24;
    private const ulong LongPageHeader = 40;

    /// <summary>
    /// The WAL insert position now: every transaction committed before this read started ends at or before it. The
    /// server decodes only flushed WAL, and records that commit nothing (the slot's own creation, hint bits) or commits
    /// made with synchronous_commit = off may sit unflushed for seconds; a transaction with an xid that commits
    /// synchronously flushes everything before it, so the stream reaches the position promptly. A position just past a
    /// page header is taken back to the page boundary, where the last record before it ends.
    /// </summary>
    public static async Task<NpgsqlLogSequenceNumber> NowAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var synchronous = new NpgsqlCommand("SET LOCAL synchronous_commit = on", connection, transaction))
        {
            await synchronous.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text, txid_current()::text", connection, transaction);
        var text = (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var lsn = (ulong)NpgsqlLogSequenceNumber.Parse(text);
        var inPage = lsn % WalPage;
        return new NpgsqlLogSequenceNumber(inPage is ShortPageHeader or LongPageHeader ? lsn - inPage : lsn);
    }
}
