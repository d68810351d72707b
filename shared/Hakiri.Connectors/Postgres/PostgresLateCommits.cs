using System.Globalization;
using Npgsql;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// The late-commit guard of incremental reads. A row stamped <c>updated_at = now()</c> carries its transaction's start
/// time but becomes visible only at commit, possibly after a later-stamped row a run already read past. So a read stops
/// below a bound: the oldest start of any transaction open in this database (which may still commit rows stamped from
/// then on), and at most <c>now() - lag_seconds</c> (for writers whose stamps are not their transaction's start).
/// Rows at or above the bound wait for the next run.
/// </summary>
internal static class PostgresLateCommits
{
    /// <summary>The bound (timestamptz text), read outside and before the read's transaction.</summary>
    public static async Task<string> BoundAsync(NpgsqlConnection connection, int lagSeconds, string pipeline, Action<string>? log, CancellationToken cancellationToken)
    {
        // Every open transaction counts, not only those holding a transaction id yet: one that has only read so far
        // may still insert rows stamped with its (earlier) start time.
        var sql = $"""
            SELECT least(now() - make_interval(secs => {lagSeconds.ToString(CultureInfo.InvariantCulture)}),
                         (SELECT min(xact_start) FROM pg_stat_activity
                          WHERE datname = current_database() AND pid <> pg_backend_pid()
                            AND backend_type = 'client backend' AND xact_start IS NOT NULL))::text,
                   pg_has_role('pg_read_all_stats', 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var bound = reader.GetString(0);
        if (!reader.GetBoolean(1))
        {
            log?.Invoke($"pipeline '{pipeline}': the database user cannot see other users' transactions in pg_stat_activity, so the late-commit guard covers only its own; "
                + "GRANT pg_read_all_stats to it, or set lag_seconds above the longest writing transaction.");
        }

        return bound;
    }
}
