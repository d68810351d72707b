namespace Hakiri.Cli.Connectors;

/// <summary>
/// The connector templates and guest SDKs the binary carries (embedded from <c>connectors/templates</c> and
/// <c>connectors/sdk</c>), so <c>hakiri connector new</c> and <c>build</c> need no checkout.
/// </summary>
internal static class ConnectorResources
{
    private const string TemplatePrefix = "connector-templates/";
    private const string SdkPrefix = "connector-sdk/";

    /// <summary>The languages with a template and an SDK.</summary>
    public static string[] Languages { get; } = ["c", "rust"];

    /// <summary>The template's cassette, which goes to the project's <c>fixtures/NAME/cassette.json</c>.</summary>
    public const string TemplateCassette = "fixtures/cassette.json";

    /// <summary>The template files of <paramref name="language"/>: path relative to the connector folder, and text.</summary>
    public static IEnumerable<(string Relative, string Content)> Template(string language)
    {
        foreach (var (relative, bytes) in Read(TemplatePrefix + language + "/"))
        {
            yield return (relative, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>The SDK files of <paramref name="language"/>, relative to the SDK folder.</summary>
    public static IEnumerable<(string Relative, byte[] Content)> Sdk(string language) => Read(SdkPrefix + language + "/");

    /// <summary>Writes the SDK of <paramref name="language"/> into a new temporary folder and returns it (the caller deletes it).</summary>
    public static string ExtractSdk(string language)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"hakiri-sdk-{language}-{Guid.NewGuid():N}");
        foreach (var (relative, content) in Sdk(language))
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }

        return folder;
    }

    private static IEnumerable<(string Relative, byte[] Content)> Read(string prefix)
    {
        var assembly = typeof(ConnectorResources).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            yield return (name[prefix.Length..], buffer.ToArray());
        }
    }
}
