namespace Hakiri.Testing;

/// <summary>
/// Lays out a WebAssembly test guest for building. The honest <c>items</c> guests are the connector templates
/// (<c>connectors/templates/LANGUAGE</c>) instantiated with the name <c>items</c>, so the tests prove the code users
/// start from; their folders under <c>tests/guests</c> hold only the <c>connector.toml</c> the tests grant. The other
/// guests (hostile, samples) keep their own sources.
/// </summary>
public static class TestGuests
{
    /// <summary>Copies <c>tests/guests/LANGUAGE/NAME</c> to <paramref name="target"/>, adding the template's sources when the folder has none.</summary>
    /// <returns><paramref name="target"/>.</returns>
    public static string Prepare(string language, string name, string target)
    {
        var folder = RepoPaths.Of("tests", "guests", language, name);
        Copy(folder, target, text => text);
        var hasSources = Directory.EnumerateFiles(folder, language == "rust" ? "*.rs" : "*.c", SearchOption.AllDirectories).Any();
        if (!hasSources)
        {
            var template = RepoPaths.Of("connectors", "templates", language, "src");
            Copy(template, Path.Combine(target, "src"), text => text.Replace("{{name}}", name, StringComparison.Ordinal));
        }

        return target;
    }

    private static void Copy(string from, string to, Func<string, string> edit)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var path = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, edit(File.ReadAllText(file)));
        }
    }
}
