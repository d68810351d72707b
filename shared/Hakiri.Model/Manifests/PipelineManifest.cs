namespace Hakiri.Model.Manifests;

/// <summary>One <c>[pipelines.&lt;name&gt;]</c> table: a source landed into one store table on a schedule.</summary>
/// <param name="Name">The pipeline's name (the key under <c>pipelines</c>).</param>
/// <param name="Table">The store table the pipeline writes.</param>
/// <param name="Description">What the table holds, written for an agent; may be empty.</param>
/// <param name="Schedule">When the deployed pipeline runs, or <see langword="null"/> for on demand only.</param>
/// <param name="PrimaryKey">Columns that identify a row; empty for append-only tables.</param>
/// <param name="Source">Where the records come from.</param>
/// <param name="Indexes">The sidecar indexes to build over the table.</param>
public sealed record PipelineManifest(
    string Name,
    string Table,
    string Description,
    Schedule? Schedule,
    IReadOnlyList<string> PrimaryKey,
    SourceManifest Source,
    IndexesManifest Indexes)
{
    /// <summary>The columns kept out of the written files (<c>redact</c>); <see cref="RedactionManifest.None"/> when none.</summary>
    public RedactionManifest Redaction { get; init; } = RedactionManifest.None;

    /// <summary>What agents are told about the table and its columns (<c>agent_description</c>); <see cref="AgentDescription.None"/> when not given.</summary>
    public AgentDescription AgentDescription { get; init; } = AgentDescription.None;

    /// <summary>The inference zones the table's rows may be served to (<c>inference_zone_allowed</c>), or <see langword="null"/> for no restriction.</summary>
    public IReadOnlyList<string>? InferenceZoneAllowed { get; init; }

    /// <summary>What the manifest says about single columns (<c>[pipelines.&lt;name&gt;.columns.&lt;column&gt;]</c>), by column name (any case).</summary>
    public IReadOnlyDictionary<string, ColumnManifest> Columns { get; init; } = new Dictionary<string, ColumnManifest>();
}
