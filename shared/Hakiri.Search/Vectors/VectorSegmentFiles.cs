namespace Hakiri.Search.Vectors;

/// <summary>The files of a vector sidecar directory.</summary>
internal static class VectorSegmentFiles
{
    private const string GraphPrefix = "graph-";
    private const string GraphExtension = ".usearch";

    /// <summary>The graph built for the data with <paramref name="fingerprint"/> (its first 16 hex digits name the file).</summary>
    public static string GraphPath(string directory, string fingerprint) =>
        Path.Combine(directory, GraphPrefix + fingerprint[..16] + GraphExtension);

    /// <summary>Removes what an earlier build left (only our files: the directory may hold nothing else of ours).</summary>
    public static void Clear(string directory)
    {
        File.Delete(Path.Combine(directory, VectorDataFile.Name));
        File.Delete(Path.Combine(directory, VectorParquet.Name));
        foreach (var graph in Directory.EnumerateFiles(directory, GraphPrefix + "*" + GraphExtension))
        {
            File.Delete(graph);
        }
    }
}
