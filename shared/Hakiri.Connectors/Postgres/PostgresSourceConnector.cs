using System.Data;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Npgsql;

namespace Hakiri.Connectors.Postgres;

/// <summary>
/// The built-in <c>postgres</c> connector: one table or read-only query of a PostgreSQL database, read in
/// <c>snapshot</c> mode (every run reads everything; the store then equals the source) or <c>incremental</c> mode
/// (rows whose cursor column passed the committed cursor, below the late-commit bound). The connection string comes
/// from the environment only, and no message shows it.
/// </summary>
public sealed class PostgresSourceConnector : ISourceConnector
{
    private readonly string _pipeline;
    private readonly string _table;
    private readonly IReadOnlyList<string> _primaryKey;
    private readonly PostgresSourceManifest _manifest;
    private readonly ConnectorServices _services;
    private readonly string _source;

    /// <summary>Creates the connector for one step invocation.</summary>
    /// <param name="pipeline">The pipeline name, used in messages.</param>
    /// <param name="table">The store table the rows land in.</param>
    /// <param name="primaryKey">The pipeline's <c>primary_key</c>; empty to use the table's own primary key.</param>
    /// <param name="manifest">The pipeline's postgres source.</param>
    /// <param name="services">The environment (the connection string) and the log.</param>
    public PostgresSourceConnector(string pipeline, string table, IReadOnlyList<string> primaryKey, PostgresSourceManifest manifest, ConnectorServices services)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _pipeline = pipeline;
        _table = table;
        _primaryKey = primaryKey;
        _manifest = manifest;
        _services = services;
        _source = manifest.Table is { } name ? $"table {name}" : "the query";
    }

    /// <summary>What the rows come from, as lineage and locators record it: <c>postgres:&lt;database&gt;/&lt;table&gt;</c>, never the connection string.</summary>
    public static string Lineage(string pipeline, PostgresSourceManifest manifest, Func<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string? database = null;
        if (environment?.Invoke(manifest.DsnEnv) is { Length: > 0 } text)
        {
            try
            {
                database = PostgresDsn.Parse(text.Trim(), pipeline, manifest.DsnEnv).Database;
            }
            catch (ConnectorException)
            {
                // The run reports a malformed string; lineage falls back to the variable's name.
            }
        }

        return $"postgres:{database ?? "$" + manifest.DsnEnv}/{manifest.Table ?? "query:" + pipeline}";
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TableSchema>> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var (dataSource, errors) = Connect();
        await using (dataSource.ConfigureAwait(false))
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                var (_, schema) = await PlanAsync(connection, cancellationToken).ConfigureAwait(false);
                return [schema];
            }
            catch (Exception e) when (errors.Translate(e) is { } failure)
            {
                throw failure;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<ISourceReader> OpenAsync(string table, ReadOnlyMemory<byte>? cursor, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(table, _table, StringComparison.Ordinal))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent, $"pipeline '{_pipeline}': the source has one table, '{_table}', not '{table}'.");
        }

        var (dataSource, errors) = Connect();
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (plan, schema) = await PlanAsync(connection, cancellationToken).ConfigureAwait(false);
            var after = Resume(plan, cursor);

            // The bound is read before the transaction starts, so every transaction the snapshot cannot see was
            // either open when the bound was read (and holds it back) or started after it (and stamps later rows).
            var bound = plan.Bounded is null ? null : await PostgresLateCommits.BoundAsync(connection, _manifest.LagSeconds, _pipeline, _services.Log, cancellationToken).ConfigureAwait(false);
            var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
            var locator = Lineage(_pipeline, _manifest, _services.Environment);
            return new PostgresSourceReader(connection, transaction, plan, schema, errors, locator, bound, after, dataSource);
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await dataSource.DisposeAsync().ConfigureAwait(false);
            if (errors.Translate(e) is { } failure)
            {
                throw failure;
            }

            throw;
        }
    }

    private (NpgsqlDataSource DataSource, PostgresErrors Errors) Connect()
    {
        var builder = PostgresDsn.Read(_pipeline, _manifest.DsnEnv, _services.Environment);
        var errors = new PostgresErrors(_pipeline, _manifest.DsnEnv, PostgresDsn.Describe(builder), _source);
        return (PostgresDsn.OpenDataSource(builder.ConnectionString), errors);
    }

    private static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
        await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    private async Task<(PgReadPlan Plan, TableSchema Schema)> PlanAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var relation = _manifest.Table is { } name
            ? await PostgresCatalog.DescribeTableAsync(connection, name, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectorException(ConnectorErrorKind.Permanent,
                    $"pipeline '{_pipeline}': table {name} does not exist in the database of {_manifest.DsnEnv} (or the user may not see it); correct table under [pipelines.{_pipeline}.source] (schema.name).")
            : await PostgresCatalog.DescribeQueryAsync(connection, _manifest.Query!, cancellationToken).ConfigureAwait(false);
        return PostgresPlanner.Plan(_pipeline, _source, _table, _manifest, _primaryKey, relation);
    }

    // The committed cursor resumes only a read of the same mode and key; anything else starts over (said in the log).
    private IReadOnlyList<string>? Resume(PgReadPlan plan, ReadOnlyMemory<byte>? cursor)
    {
        if (cursor is not { Length: > 0 } bytes)
        {
            return null;
        }

        var state = PostgresCursor.TryParse(bytes.Span);
        if (state is { After: { } after } && state.Mode == plan.ModeName && state.Columns is { } columns && columns.SequenceEqual(plan.KeyNames) && after.Count == columns.Count)
        {
            return after;
        }

        if (state?.After is not null)
        {
            _services.Log?.Invoke($"pipeline '{_pipeline}': the committed cursor follows another mode or key ({string.Join(", ", state.Columns ?? [])}); reading from the start.");
        }

        return null;
    }
}
