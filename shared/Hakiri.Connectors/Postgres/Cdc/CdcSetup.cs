using Npgsql;
using NpgsqlTypes;

namespace Hakiri.Connectors.Postgres.Cdc;

/// <summary>A table as the change stream names it, and the columns its changes are keyed by.</summary>
/// <param name="Schema">The table's schema (<c>RelationMessage.Namespace</c>).</param>
/// <param name="Name">The table's name (<c>RelationMessage.RelationName</c>).</param>
/// <param name="Keys">The key columns, in key order: the pipeline's primary key, covered by the replica identity.</param>
internal sealed record CdcRelation(string Schema, string Name, IReadOnlyList<string> Keys);

/// <summary>
/// What change capture needs from the server, checked or created before a read: <c>wal_level = logical</c>, a replica
/// identity that covers the key, the publication (created for the table when missing) and the slot (created with
/// pgoutput when missing, after the publication so every change it decodes has one).
/// </summary>
internal static class CdcSetup
{
    /// <summary>Checks wal_level and the table's replica identity; returns how the stream names the table.</summary>
    public static async Task<CdcRelation> CheckAsync(NpgsqlConnection connection, string from, IReadOnlyList<string> keys, CdcErrors errors, CancellationToken cancellationToken)
    {
        var walLevel = await ScalarAsync(connection, "SHOW wal_level", [], cancellationToken).ConfigureAwait(false);
        if (walLevel != "logical")
        {
            throw errors.WalLevel(walLevel ?? "unknown");
        }

        await using var command = new NpgsqlCommand("""
            SELECT n.nspname, c.relname, c.relreplident::text, c.relkind::text,
                   coalesce((SELECT array_to_string(array_agg(a.attname::text ORDER BY a.attnum), chr(31))
                             FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                             WHERE i.indrelid = c.oid AND CASE c.relreplident WHEN 'i' THEN i.indisreplident ELSE i.indisprimary END), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = to_regclass($1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var (schema, name, identity, kind) = (reader.GetString(0), reader.GetString(1), reader.GetString(2)[0], reader.GetString(3)[0]);
        var identityColumns = reader.GetString(4).Split('\u001f', StringSplitOptions.RemoveEmptyEntries);
        if (kind is not ('r' or 'p'))
        {
            throw errors.NoIdentity("is not a table (logical replication publishes tables, not views)");
        }

        if (identity == 'n')
        {
            throw errors.NoIdentity("has REPLICA IDENTITY NOTHING");
        }

        if (keys.Count == 0)
        {
            throw errors.NoIdentity("has no primary key");
        }

        // FULL sends every column of the old row; DEFAULT the primary key; USING INDEX that index's columns.
        var missing = identity == 'f' ? [] : keys.Except(identityColumns, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw errors.NoIdentity($"identifies changed rows by ({string.Join(", ", identityColumns)}), which does not include the key column {string.Join(", ", missing)}");
        }

        return new CdcRelation(schema, name, keys);
    }

    /// <summary>Creates the publication for the table when missing; checks an existing one publishes it fully.</summary>
    public static async Task EnsurePublicationAsync(NpgsqlConnection connection, string publication, string from, CdcErrors errors, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT p.pubinsert AND p.pubupdate AND p.pubdelete,
                   p.puballtables OR EXISTS (SELECT 1 FROM pg_publication_tables t
                                             WHERE t.pubname = p.pubname AND to_regclass(format('%I.%I', t.schemaname, t.tablename)) = to_regclass($2))
            FROM pg_publication p WHERE p.pubname = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = publication });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        bool? complete = null;
        bool covers = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (complete, covers) = (reader.GetBoolean(0), reader.GetBoolean(1));
            }
        }

        if (complete is null)
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE PUBLICATION {PostgresTypes.Quote(publication)} FOR TABLE {from}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege)
            {
                throw errors.PublicationRefused(e);
            }
        }
        else if (!covers)
        {
            throw errors.PublicationIncomplete($"does not publish {from}");
        }
        else if (complete == false)
        {
            throw errors.PublicationIncomplete("does not publish all of inserts, updates and deletes");
        }
    }

    /// <summary>
    /// The slot's start: a new slot's consistent point, or an existing slot's confirmed position (a first run that
    /// crashed after creating it acknowledged nothing, so every change after that position is still there).
    /// </summary>
    public static async Task<NpgsqlLogSequenceNumber> EnsureSlotAsync(NpgsqlConnection connection, string slot, CdcErrors errors, CancellationToken cancellationToken)
    {
        if (await SlotAsync(connection, slot, errors, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        try
        {
            var lsn = await ScalarAsync(connection, "SELECT lsn::text FROM pg_create_logical_replication_slot($1, 'pgoutput')", [slot], cancellationToken).ConfigureAwait(false);
            return NpgsqlLogSequenceNumber.Parse(lsn!);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            throw errors.NoReplication(e);
        }
    }

    /// <summary>The slot's confirmed position, or <see langword="null"/> when there is no such slot.</summary>
    public static async Task<NpgsqlLogSequenceNumber?> SlotAsync(NpgsqlConnection connection, string slot, CdcErrors errors, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT plugin, database = current_database(), coalesce(confirmed_flush_lsn, restart_lsn)::text FROM pg_replication_slots WHERE slot_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = slot });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (reader.IsDBNull(0) || reader.GetString(0) != "pgoutput")
        {
            throw errors.SlotMismatch($"decodes with {(reader.IsDBNull(0) ? "no plugin (a physical slot)" : reader.GetString(0))}, not pgoutput");
        }

        if (!reader.GetBoolean(1))
        {
            throw errors.SlotMismatch("belongs to another database");
        }

        return NpgsqlLogSequenceNumber.Parse(reader.GetString(2));
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, string[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}
