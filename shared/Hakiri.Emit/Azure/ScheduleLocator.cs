using Hakiri.Toml;

namespace Hakiri.Emit.Azure;

/// <summary>
/// Finds where a pipeline's <c>schedule</c> key is written in the manifest, so an error found after binding (a schedule
/// Azure cannot express) still points at the line the user has to change.
/// </summary>
internal sealed class ScheduleLocator
{
    private readonly TomlTable? _pipelines;

    private ScheduleLocator(TomlTable? pipelines) => _pipelines = pipelines;

    /// <summary>Reads the manifest at <paramref name="manifestPath"/>; an unreadable one locates nothing (line 0).</summary>
    public static ScheduleLocator Of(string manifestPath)
    {
        try
        {
            return new ScheduleLocator(TomlParser.Parse(File.ReadAllText(manifestPath))["pipelines"] as TomlTable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TomlSyntaxException)
        {
            return new ScheduleLocator(null);
        }
    }

    /// <summary>The line and column of <c>schedule</c> in <c>[pipelines.<paramref name="pipeline"/>]</c>, or (0, 0).</summary>
    public (int Line, int Column) Find(string pipeline) =>
        _pipelines?[pipeline] is TomlTable table && table.TryGetEntry("schedule", out var entry)
            ? (entry.KeyPosition.Line, entry.KeyPosition.Column)
            : (0, 0);
}
