using System.Globalization;
using Hakiri.Connectors.Contract;
using Npgsql;

namespace Hakiri.Connectors.Postgres;

/// <summary>What discover learns of a table or query from the database: its columns and primary key.</summary>
/// <param name="From">The relation as SQL names it (quoted, schema-qualified when needed), or the parenthesised query.</param>
/// <param name="Columns">Its columns, in order, domains resolved.</param>
/// <param name="PrimaryKey">The table's primary key columns; empty for a query or a table without one.</param>
/// <param name="HasCtid">Whether rows have a <c>ctid</c> to page on (plain tables and materialised views).</param>
internal sealed record PgRelation(string From, IReadOnlyList<PgColumnInfo> Columns, IReadOnlyList<string> PrimaryKey, bool HasCtid);

/// <summary>Reads the catalog (<c>pg_catalog</c>) for discover.</summary>
internal static class PostgresCatalog
{
    /// <summary>Describes a table (or view); <see langword="null"/> when there is none by that name.</summary>
    public static async Task<PgRelation?> DescribeTableAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        long oid;
        string from;
        char kind;
        await using (var command = new NpgsqlCommand("SELECT c.oid::int8, c.oid::regclass::text, c.relkind::text FROM pg_class c WHERE c.oid = to_regclass($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = table });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (oid, from, kind) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2)[0]);
        }

        var raw = new List<(string Name, bool NotNull, long Type, int Typmod)>();
        var relation = oid.ToString(CultureInfo.InvariantCulture);
        await using (var command = new NpgsqlCommand(
            $"SELECT attname, attnotnull, atttypid::int8, atttypmod FROM pg_attribute WHERE attrelid = {relation} AND attnum > 0 AND NOT attisdropped ORDER BY attnum", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                raw.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetInt32(3)));
            }
        }

        var key = new List<string>();
        await using (var command = new NpgsqlCommand($"""
            SELECT a.attname FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = {relation} AND i.indisprimary ORDER BY k.n
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                key.Add(reader.GetString(0));
            }
        }

        var columns = await ResolveAsync(connection, raw, cancellationToken).ConfigureAwait(false);
        return new PgRelation(from, columns, key, kind is 'r' or 'm');
    }

    /// <summary>Describes a query's result columns without running it (<c>LIMIT 0</c>).</summary>
    public static async Task<PgRelation> DescribeQueryAsync(NpgsqlConnection connection, string query, CancellationToken cancellationToken)
    {
        var from = $"({query.Trim().TrimEnd(';')})";
        var raw = new List<(string Name, bool NotNull, long Type, int Typmod)>();
        await using (var command = new NpgsqlCommand($"SELECT * FROM {from} AS q LIMIT 0", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var column in reader.GetColumnSchema())
            {
                // RowDescription carries the base type's oid (domains already resolved) but not the typmod: numeric's
                // precision and scale come back through the column schema.
                var typmod = column.NumericPrecision is { } p and > 0 ? ((p << 16) | (column.NumericScale ?? 0)) + 4 : -1;
                raw.Add((column.ColumnName, false, column.TypeOID, typmod));
            }
        }

        return new PgRelation(from, await ResolveAsync(connection, raw, cancellationToken).ConfigureAwait(false), [], false);
    }

    // Follows domains to their base type (a domain's typmod applies when the column has none) and reads array element types.
    private static async Task<List<PgColumnInfo>> ResolveAsync(NpgsqlConnection connection, List<(string Name, bool NotNull, long Type, int Typmod)> raw, CancellationToken cancellationToken)
    {
        var types = new Dictionary<long, (string Name, char Kind, long Base, int Typmod, string Sql, string? Element, char? ElementKind)>();
        var wanted = new HashSet<long>();
        foreach (var column in raw)
        {
            wanted.Add(column.Type);
        }

        while (wanted.Count > 0)
        {
            var list = string.Join(", ", wanted.Select(o => o.ToString(CultureInfo.InvariantCulture)));
            await using var command = new NpgsqlCommand($"""
                SELECT t.oid::int8, t.typname::text, t.typtype::text, t.typbasetype::int8, t.typtypmod, format_type(t.oid, NULL), e.typname::text, e.typtype::text
                FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
                WHERE t.oid IN ({list})
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                types[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2)[0], reader.GetInt64(3), reader.GetInt32(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)[0]);
            }

            wanted = [];
            foreach (var type in types.Values)
            {
                if (type.Kind == 'd' && !types.ContainsKey(type.Base))
                {
                    wanted.Add(type.Base);
                }
            }
        }

        return raw.ConvertAll(r =>
        {
            var (oid, typmod) = (r.Type, r.Typmod);
            while (types.TryGetValue(oid, out var domain) && domain.Kind == 'd')
            {
                (oid, typmod) = (domain.Base, typmod == -1 ? domain.Typmod : typmod);
            }

            return types.TryGetValue(oid, out var t)
                ? new PgColumnInfo(r.Name, r.NotNull, t.Name, t.Kind, typmod, t.Sql, t.Element, t.ElementKind)
                : throw new ConnectorException(ConnectorErrorKind.Permanent, $"column '{r.Name}' has a type (oid {oid}) the catalog does not list.");
        });
    }
}
