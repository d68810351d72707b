using Hakiri.Connectors.Contract;
using Hakiri.Connectors.Http;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.GitHub;

/// <summary>
/// The built-in <c>github</c> connector: a preset of the http engine for one repository's issues, pulls, commits,
/// releases or issue comments (Link paging, incremental <c>since</c>, ETag conditional requests, GitHub rate limits).
/// Works unauthenticated when the token variable is unset.
/// </summary>
public sealed class GitHubSourceConnector : ISourceConnector
{
    private readonly HttpSourceConnector _inner;

    /// <summary>Creates the connector with the resource's default primary key (<see cref="GitHubResources.DefaultPrimaryKey"/>).</summary>
    /// <param name="pipeline">The pipeline name, used in messages.</param>
    /// <param name="table">The table the records land in.</param>
    /// <param name="manifest">The pipeline's github source.</param>
    /// <param name="services">Network, environment, clock and log.</param>
    public GitHubSourceConnector(string pipeline, string table, GitHubSourceManifest manifest, ConnectorServices services)
        : this(pipeline, table, GitHubResources.DefaultPrimaryKey(manifest.Resource), manifest, services)
    {
    }

    /// <summary>Creates the connector for one step invocation.</summary>
    /// <param name="pipeline">The pipeline name, used in messages.</param>
    /// <param name="table">The table the records land in.</param>
    /// <param name="primaryKey">The pipeline's primary key columns.</param>
    /// <param name="manifest">The pipeline's github source.</param>
    /// <param name="services">Network, environment, clock and log.</param>
    public GitHubSourceConnector(string pipeline, string table, IReadOnlyList<string> primaryKey, GitHubSourceManifest manifest, ConnectorServices services) =>
        _inner = new HttpSourceConnector(table, primaryKey, GitHubResources.CreatePlan(pipeline, manifest), services);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TableSchema>> DiscoverAsync(CancellationToken cancellationToken = default) =>
        _inner.DiscoverAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<ISourceReader> OpenAsync(string table, ReadOnlyMemory<byte>? cursor, CancellationToken cancellationToken = default) =>
        _inner.OpenAsync(table, cursor, cancellationToken);

    /// <summary>The page engine (tests read pages directly).</summary>
    internal HttpPager OpenPager(ReadOnlyMemory<byte>? cursor) => _inner.OpenPager(cursor);
}
