namespace Hakiri.Testing;

/// <summary>Copies of the repository's samples in temp directories, so tests never write into the checkout.</summary>
public static class Samples
{
    /// <summary>A copy of samples/quickstart without its store; with <paramref name="store"/>, the manifest points there.</summary>
    public static TempDirectory CopyQuickstart(string? store = null)
    {
        var dir = new TempDirectory();
        var source = RepoPaths.Of("samples", "quickstart");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.hakiri/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (store is not null && Path.GetFileName(file) == "hakiri.toml")
            {
                text = text.Replace("[project]\n", $"[project]\nstore = \"{store}\"\n", StringComparison.Ordinal);
            }

            dir.Write(Path.GetRelativePath(source, file), text);
        }

        return dir;
    }
}
