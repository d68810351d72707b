using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Http;

/// <summary>
/// The built-in <c>http</c> connector: one table of records paged out of a JSON REST API as the manifest declares
/// (pagination, auth from the environment, incremental <c>since</c>, retries and rate limits).
/// </summary>
public sealed class HttpSourceConnector : ISourceConnector
{
    private readonly string _table;
    private readonly IReadOnlyList<string> _primaryKey;
    private readonly ConnectorServices _services;
    private readonly HttpReadPlan _plan;

    /// <summary>Creates the connector for one step invocation.</summary>
    /// <param name="pipeline">The pipeline name, used in messages.</param>
    /// <param name="table">The table the records land in.</param>
    /// <param name="primaryKey">The pipeline's primary key columns (empty: append-only).</param>
    /// <param name="manifest">The pipeline's http source.</param>
    /// <param name="services">Network, environment, clock and log.</param>
    public HttpSourceConnector(string pipeline, string table, IReadOnlyList<string> primaryKey, HttpSourceManifest manifest, ConnectorServices services)
        : this(table, primaryKey, HttpReadPlan.From(pipeline, manifest), services)
    {
    }

    internal HttpSourceConnector(string table, IReadOnlyList<string> primaryKey, HttpReadPlan plan, ConnectorServices services)
    {
        _table = table;
        _primaryKey = primaryKey;
        _plan = plan;
        _services = services;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TableSchema>> DiscoverAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<TableSchema>>([new TableSchema(_table, null, [], _primaryKey)]);

    /// <inheritdoc />
    public ValueTask<ISourceReader> OpenAsync(string table, ReadOnlyMemory<byte>? cursor, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(table, _table, StringComparison.Ordinal))
        {
            throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"{_plan.Pipeline}: the source has one table, '{_table}', not '{table}'; open the table DiscoverAsync returned.");
        }

        return ValueTask.FromResult<ISourceReader>(new HttpSourceReader(OpenPager(cursor), _table, _primaryKey));
    }

    /// <summary>The page engine over this connector's plan (tests and presets read pages directly).</summary>
    internal HttpPager OpenPager(ReadOnlyMemory<byte>? cursor) => new(_plan, _services, cursor);
}
