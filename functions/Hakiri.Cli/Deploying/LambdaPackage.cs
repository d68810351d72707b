using System.IO.Compression;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The Lambda zip a stack deploys: the packaged bootstrap (scripts/package-aws.sh) with the manifest being deployed as
/// <c>hakiri.toml</c>, so the functions always run the pipelines the state machine was emitted from, and each
/// WebAssembly connector's <c>connector.toml</c> and module at their paths relative to it (ADR 0032). Deterministic:
/// the same package, manifest and connectors give the same bytes, hence the same asset hash and no needless update.
/// </summary>
internal static class LambdaPackage
{
    public const string ManifestEntry = "hakiri.toml";

    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A file the functions need beside the manifest: its name in the zip and where it is now.</summary>
    public sealed record Entry(string Name, string Path);

    /// <summary>
    /// The connector files of <paramref name="project"/>'s WebAssembly pipelines, each connector once, in name order.
    /// Each file must lie in the manifest's folder (the deployed functions see that folder only: <c>/var/task</c> on
    /// Lambda, the app's folder on Azure) and the module must be built; what does not is added to
    /// <paramref name="problems"/> as one sentence each, with the file it is about.
    /// </summary>
    public static IReadOnlyList<Entry> ConnectorFiles(ProjectManifest project, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(problems);
        var root = Path.GetDirectoryName(Path.GetFullPath(project.ManifestPath))!;
        var entries = new List<Entry>();
        var connectors = project.Pipelines.Select(p => p.Source).OfType<WasmSourceManifest>()
            .Select(w => w.Reference).DistinctBy(r => r.Name, StringComparer.Ordinal).OrderBy(r => r.Name, StringComparer.Ordinal);
        foreach (var reference in connectors)
        {
            var connector = reference.Manifest;
            if (Inside(root, connector.ManifestPath) is not { } tomlEntry)
            {
                problems.Add($"{project.ManifestPath}: error: connector '{reference.Name}' is in {connector.Directory}, outside the manifest's folder {root}, "
                    + $"and the deployed functions get only that folder — move the connector under it (e.g. connectors/{reference.Name}) and point [connectors.{reference.Name}] path there");
                continue;
            }

            if (Inside(root, connector.WasmPath) is not { } wasmEntry)
            {
                problems.Add($"{connector.ManifestPath}: error: the module of connector '{reference.Name}', {connector.WasmPath}, is outside the manifest's folder {root}, "
                    + "and the deployed functions get only that folder — set wasm to a path inside it");
                continue;
            }

            if (!File.Exists(connector.WasmPath))
            {
                problems.Add($"{connector.ManifestPath}: error: connector '{reference.Name}' has no module at {connector.WasmPath} — build it with 'hakiri connector build {connector.Directory}' before deploying");
                continue;
            }

            entries.Add(new Entry(tomlEntry, connector.ManifestPath));
            entries.Add(new Entry(wasmEntry, connector.WasmPath));
        }

        return entries;
    }

    /// <summary>
    /// Writes <paramref name="target"/>: <paramref name="package"/> with <paramref name="project"/>'s manifest as
    /// hakiri.toml and its connector files (which <see cref="ConnectorFiles"/> must have found without a problem).
    /// </summary>
    /// <exception cref="InvalidOperationException">A connector file cannot be packaged; <see cref="ConnectorFiles"/> says why.</exception>
    public static void WithManifest(string package, ProjectManifest project, string target)
    {
        ArgumentNullException.ThrowIfNull(project);
        var problems = new List<string>();
        var files = ConnectorFiles(project, problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        File.Copy(package, target, overwrite: true);
        using var archive = ZipFile.Open(target, ZipArchiveMode.Update);
        Add(archive, ManifestEntry, project.ManifestPath);
        foreach (var file in files)
        {
            Add(archive, file.Name, file.Path);
        }
    }

    private static void Add(ZipArchive archive, string name, string path)
    {
        archive.GetEntry(name)?.Delete();
        var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize);
        entry.LastWriteTime = FixedTime;
        // rw-r--r--, like the other files of the package.
        entry.ExternalAttributes = Convert.ToInt32("644", 8) << 16;
        using var stream = entry.Open();
        using var source = File.OpenRead(path);
        source.CopyTo(stream);
    }

    // The zip entry of a file under root ("connectors/items/connector.toml"), or null when it is not under root.
    private static string? Inside(string root, string file)
    {
        var relative = Path.GetRelativePath(root, Path.GetFullPath(file));
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : relative.Replace('\\', '/');
    }
}
