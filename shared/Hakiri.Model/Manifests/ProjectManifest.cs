namespace Hakiri.Model.Manifests;

/// <summary>A parsed and validated <c>hakiri.toml</c>.</summary>
/// <param name="Name">The project's name (<c>[project] name</c>).</param>
/// <param name="Description">What the project holds, for agents; may be empty.</param>
/// <param name="Store">Where the context store lives.</param>
/// <param name="Pipelines">The pipelines in the order the manifest declares them.</param>
/// <param name="ManifestPath">The absolute path of the manifest file.</param>
public sealed record ProjectManifest(
    string Name,
    string Description,
    StoreLocation Store,
    IReadOnlyList<PipelineManifest> Pipelines,
    string ManifestPath)
{
    /// <summary>How the project deploys to AWS (<c>[deploy.aws]</c>).</summary>
    public AwsDeployment Aws { get; init; } = AwsDeployment.Default;

    /// <summary>Access control (<c>[access]</c>), or <see langword="null"/> when the store is open to anyone who reaches its server.</summary>
    public AccessSettings? Access { get; init; }

    /// <summary>Agent memory settings (<c>[memory]</c>), or <see langword="null"/> when the manifest has none (memory is then indexed for full text only).</summary>
    public MemorySettings? Memory { get; init; }

    /// <summary>The WebAssembly connectors the manifest declares (<c>[connectors.NAME]</c>), in declaration order.</summary>
    public IReadOnlyList<ConnectorReference> Connectors { get; init; } = [];

    /// <summary>The bucket <c>hakiri sync</c> shares the store through (<c>[project] remote</c>), or <see langword="null"/>.</summary>
    public StoreLocation? Remote { get; init; }

    /// <summary>The directory that relative paths in the manifest are resolved against.</summary>
    public string BaseDirectory => Path.GetDirectoryName(ManifestPath) ?? ".";

    /// <summary>Finds a pipeline by name (ordinal), or returns <see langword="null"/>.</summary>
    public PipelineManifest? FindPipeline(string name) =>
        Pipelines.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
