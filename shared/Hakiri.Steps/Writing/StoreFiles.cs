using Hakiri.Store;

namespace Hakiri.Steps.Writing;

/// <summary>Deletes data files that stopped being live; a failure only leaves an orphan the next run collects.</summary>
internal static class StoreFiles
{
    public static void DeleteQuietly(StoreLayout layout, IEnumerable<string> relativePaths)
    {
        foreach (var path in relativePaths)
        {
            try
            {
                var absolute = layout.Absolute(path);
                File.Delete(absolute);
                var directory = Path.GetDirectoryName(absolute);
                if (directory is not null && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    Directory.Delete(directory);
                }
            }
            catch (IOException)
            {
                // Left for garbage collection at the next run's start.
            }
        }
    }
}
