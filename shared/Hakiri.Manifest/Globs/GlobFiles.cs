namespace Hakiri.Manifest.Globs;

/// <summary>Finds the files a glob names on the local file system.</summary>
public static class GlobFiles
{
    /// <summary>
    /// The absolute paths of the files under <paramref name="rootDirectory"/> that <paramref name="glob"/> matches, in
    /// ordinal order. An absolute glob ignores the root.
    /// </summary>
    public static IEnumerable<string> Match(string rootDirectory, GlobPattern glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var absolute = Path.IsPathRooted(glob.Text);
        var start = Path.GetFullPath(Path.Combine(rootDirectory, glob.BaseDirectory.Length == 0 && absolute ? "/" : glob.BaseDirectory));
        if (!Directory.Exists(start))
        {
            return [];
        }

        // Hidden files (dotfiles) are data too: a glob that names them must find them, so no attribute is excluded.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None };
        var root = Path.GetFullPath(rootDirectory);
        return Directory.EnumerateFiles(start, "*", options)
            .Where(file => glob.IsMatch(absolute ? file : Path.GetRelativePath(root, file).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
    }
}
