namespace Hakiri.Model.Manifests;

/// <summary>One <c>[pipelines.&lt;name&gt;.columns.&lt;column&gt;]</c> table: what the manifest says about a column.</summary>
/// <param name="InferenceZoneAllowed">The inference zones the column's values may be served to, or <see langword="null"/> when it sets none.</param>
/// <param name="Tags">Labels such as <c>phi</c> (lower case).</param>
public sealed record ColumnManifest(IReadOnlyList<string>? InferenceZoneAllowed, IReadOnlyList<string> Tags)
{
    /// <summary>The tag that marks protected health information.</summary>
    public const string PhiTag = "phi";

    /// <summary>
    /// Where a <c>phi</c> column without its own list may be served: the device that holds the store and on-premises
    /// models, never a cloud (docs/adr/0025-inference-zones.md says why the device is included).
    /// </summary>
    public static IReadOnlyList<string> PhiZones { get; } = ["local:device", "on-prem:*"];

    /// <summary>The zones the column's values may be served to: its own list, else <see cref="PhiZones"/> for a <c>phi</c> column, else <see langword="null"/> (no restriction).</summary>
    public IReadOnlyList<string>? ZonesAllowed =>
        InferenceZoneAllowed ?? (Tags.Contains(PhiTag, StringComparer.Ordinal) ? PhiZones : null);
}
