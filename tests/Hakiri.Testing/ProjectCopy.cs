namespace Hakiri.Testing;

/// <summary>Copies a sample project (its manifest and data) without the store a run may have left in it.</summary>
public static class ProjectCopy
{
    /// <summary>Copies every file under <paramref name="from"/> to <paramref name="to"/>, skipping <c>.hakiri</c>.</summary>
    public static void WithoutStore(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith(".hakiri", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
