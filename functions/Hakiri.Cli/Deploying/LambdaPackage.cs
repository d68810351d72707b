using System.IO.Compression;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The Lambda zip a stack deploys: the packaged bootstrap (scripts/package-aws.sh) with the manifest being deployed as
/// <c>hakiri.toml</c>, so the functions always run the pipelines the state machine was emitted from. Deterministic:
/// the same package and manifest give the same bytes, hence the same asset hash and no needless update.
/// </summary>
internal static class LambdaPackage
{
    public const string ManifestEntry = "hakiri.toml";

    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="target"/>: <paramref name="package"/> with <paramref name="manifestPath"/> as hakiri.toml.</summary>
    public static void WithManifest(string package, string manifestPath, string target)
    {
        File.Copy(package, target, overwrite: true);
        using var archive = ZipFile.Open(target, ZipArchiveMode.Update);
        archive.GetEntry(ManifestEntry)?.Delete();
        var entry = archive.CreateEntry(ManifestEntry, CompressionLevel.SmallestSize);
        entry.LastWriteTime = FixedTime;
        // rw-r--r--, like the other files of the package.
        entry.ExternalAttributes = Convert.ToInt32("644", 8) << 16;
        using var stream = entry.Open();
        using var manifest = File.OpenRead(manifestPath);
        manifest.CopyTo(stream);
    }
}
