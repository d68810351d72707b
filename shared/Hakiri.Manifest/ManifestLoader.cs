using System.Text;
using Hakiri.Manifest.Binding;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest;

/// <summary>Loads <c>hakiri.toml</c> and <c>connector.toml</c> files, collecting every problem as a located diagnostic.</summary>
public static class ManifestLoader
{
    /// <summary>The file name <c>hakiri</c> commands look for when no manifest is named.</summary>
    public const string DefaultFileName = "hakiri.toml";

    /// <summary>Reads and validates a project manifest.</summary>
    /// <param name="path">The manifest's path.</param>
    /// <param name="displayPath">How to name the file in diagnostics; defaults to <paramref name="path"/>.</param>
    public static LoadResult<ProjectManifest> LoadProject(string path, string? displayPath = null) =>
        Load(path, displayPath, ManifestBinder.Bind);

    /// <summary>Validates project manifest text as if it were read from <paramref name="path"/>.</summary>
    public static LoadResult<ProjectManifest> ParseProject(string text, string path, string? displayPath = null) =>
        Parse(text, Path.GetFullPath(path), new DiagnosticBag(displayPath ?? path), ManifestBinder.Bind);

    /// <summary>Reads and validates a connector manifest.</summary>
    public static LoadResult<ConnectorManifest> LoadConnector(string path, string? displayPath = null) =>
        Load(path, displayPath, ConnectorBinder.Bind);

    /// <summary>Validates connector manifest text as if it were read from <paramref name="path"/>.</summary>
    public static LoadResult<ConnectorManifest> ParseConnector(string text, string path, string? displayPath = null) =>
        Parse(text, Path.GetFullPath(path), new DiagnosticBag(displayPath ?? path), ConnectorBinder.Bind);

    private static LoadResult<T> Load<T>(string path, string? displayPath, Func<TomlTable, string, DiagnosticBag, T?> bind)
        where T : class
    {
        var diagnostics = new DiagnosticBag(displayPath ?? path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            diagnostics.Error(0, 0, $"cannot read the file: {what}",
                Path.GetFileName(path) == DefaultFileName ? "run 'hakiri init' to create one, or pass the manifest's path" : "check the path");
            return new LoadResult<T>(null, diagnostics.Items);
        }

        if (!TryDecode(bytes, out var text, out var badOffset))
        {
            var (line, column) = LineColumnOf(bytes, badOffset);
            diagnostics.Error(line, column, "the file is not valid UTF-8", "save it as UTF-8 (TOML requires it)");
            return new LoadResult<T>(null, diagnostics.Items);
        }

        return Parse(text, Path.GetFullPath(path), diagnostics, bind);
    }

    private static LoadResult<T> Parse<T>(string text, string fullPath, DiagnosticBag diagnostics, Func<TomlTable, string, DiagnosticBag, T?> bind)
        where T : class
    {
        TomlTable root;
        try
        {
            root = TomlParser.Parse(text);
        }
        catch (TomlSyntaxException e)
        {
            diagnostics.Error(e.Position.Line, e.Position.Column, AsFragment(e.Reason), "fix the TOML syntax (TOML 1.0; docs/manifest.md has examples)");
            return new LoadResult<T>(null, diagnostics.Items);
        }

        var value = bind(root, fullPath, diagnostics);
        // The manifest's own diagnostics first, then those of files it refers to (connector.toml), each in file order.
        var inFileOrder = diagnostics.Items.OrderBy(d => d.File != diagnostics.File).ThenBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Line).ThenBy(d => d.Column).ToArray();
        return new LoadResult<T>(diagnostics.HasErrors ? null : value, inFileOrder);
    }

    // The parser writes sentences; diagnostics are fragments joined to a hint, so drop the capital and the period.
    private static string AsFragment(string sentence)
    {
        var text = sentence.TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static bool TryDecode(byte[] bytes, out string text, out int badOffset)
    {
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            badOffset = -1;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            text = string.Empty;
            badOffset = Math.Max(0, e.Index);
            return false;
        }
    }

    private static (int Line, int Column) LineColumnOf(byte[] bytes, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // The column counts characters of the valid prefix of the line.
        var column = Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, offset - lineStart)) + 1;
        return (line, column);
    }
}
