using Hakiri.Connectors.Cassettes;
using Hakiri.Connectors.Contract;
using Hakiri.Connectors.GitHub;
using Hakiri.Connectors.Http;
using Hakiri.Connectors.Postgres;
using Hakiri.Connectors.Postgres.Cdc;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors;

/// <summary>The built-in connectors behind the contract: the one place a pipeline's source becomes a connector.</summary>
public static class SourceConnectors
{
    /// <summary>
    /// The connector of <paramref name="pipeline"/>'s source, or <see langword="null"/> for the file connector (which
    /// the steps read with DuckDB's own readers) and connectors this version does not have.
    /// </summary>
    public static ISourceConnector? Create(PipelineManifest pipeline, ConnectorServices services)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(services);
        return pipeline.Source switch
        {
            HttpSourceManifest http => new HttpSourceConnector(pipeline.Name, pipeline.Table, pipeline.PrimaryKey, http, services),
            GitHubSourceManifest github => new GitHubSourceConnector(pipeline.Name, pipeline.Table, pipeline.PrimaryKey, github, services),
            PostgresSourceManifest { Mode: PostgresReadMode.Cdc } cdc => new PostgresCdcConnector(pipeline.Name, pipeline.Table, pipeline.PrimaryKey, cdc, services),
            PostgresSourceManifest postgres => new PostgresSourceConnector(pipeline.Name, pipeline.Table, pipeline.PrimaryKey, postgres, services),
            WasmSourceManifest wasm => services.Wasm?.Invoke(wasm, services) ?? throw new ConnectorException(ConnectorErrorKind.Permanent,
                $"pipeline '{pipeline.Name}' reads the WebAssembly connector '{wasm.Reference.Name}', and this host does not run WebAssembly " +
                "connectors (it was started without Wasmtime): run the pipeline with 'hakiri run' or in the deployed functions, which carry it."),
            _ => null,
        };
    }

    /// <summary>What a connector pipeline's rows come from, as the catalog's lineage records it (never a secret).</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="environment">Where a connection string may be read to name its database; <see langword="null"/> names the variable instead.</param>
    public static string Lineage(PipelineManifest pipeline, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Source switch
        {
            PostgresSourceManifest postgres => PostgresSourceConnector.Lineage(pipeline.Name, postgres, environment),
            HttpSourceManifest http => $"http:{http.BaseUrl.TrimEnd('/')}{http.Path}",
            GitHubSourceManifest github => $"github:{github.Repository}/{GitHubResources.PathOf(github.Resource)}",
            WasmSourceManifest wasm => $"wasm:{wasm.Reference.Identity}",
            _ => pipeline.Source.Connector,
        };
    }

    /// <summary>
    /// Whether every run of the pipeline reads its whole source, so the write step replaces the table's rows wholesale
    /// (rows gone upstream leave the store): a postgres source in snapshot mode.
    /// </summary>
    public static bool ReplacesAll(PipelineManifest pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Source is PostgresSourceManifest { Mode: PostgresReadMode.Snapshot };
    }

    /// <summary>The environment variables a pipeline's source reads secrets from (what cassettes redact).</summary>
    public static IReadOnlyList<string> SecretVariables(PipelineManifest pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Source switch
        {
            HttpSourceManifest http => http.Auth.EnvironmentVariables,
            GitHubSourceManifest github => [github.TokenEnv],
            PostgresSourceManifest postgres => [postgres.DsnEnv],
            WasmSourceManifest wasm => wasm.Reference.Manifest.Capabilities.Environment,
            _ => [],
        };
    }

    /// <summary>
    /// The redactor that keeps a pipeline's secrets out of cassettes: the values of its secret variables, its
    /// query-parameter or header credential by name, and <c>Authorization</c> always.
    /// </summary>
    public static Redactor Redactor(PipelineManifest pipeline, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(environment);
        var auth = (pipeline.Source as HttpSourceManifest)?.Auth;
        return new Redactor(
            SecretVariables(pipeline).Select(environment),
            auth is { Kind: HttpAuthKind.Query, Name: { } parameter } ? [parameter] : [],
            auth is { Kind: HttpAuthKind.Header, Name: { } header } ? [header] : []);
    }
}
