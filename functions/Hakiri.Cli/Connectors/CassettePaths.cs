using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Connectors;

/// <summary>Where a pipeline's cassette lives by default: <c>fixtures/&lt;pipeline&gt;/cassette.json</c> beside the manifest.</summary>
internal static class CassettePaths
{
    public static string Default(ProjectManifest manifest, string pipeline) =>
        Path.Combine(manifest.BaseDirectory, "fixtures", pipeline, "cassette.json");

    /// <summary>The path relative to the current directory when that is shorter, for messages.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
