using System.Globalization;
using Hakiri.Store;

namespace Hakiri.Audit.Journal;

/// <summary>Where the audit log lives under a store root: <c>audit/journal/</c>, <c>audit/day=YYYY-MM-DD/</c> and <c>audit/keys/day=YYYY-MM-DD/</c>.</summary>
internal static class AuditPaths
{
    public const string SegmentExtension = ".ndjson";

    public static string Root(StoreLayout layout) => layout.Absolute("audit");

    public static string JournalDirectory(StoreLayout layout) => layout.Absolute("audit/journal");

    public static string DayDirectory(StoreLayout layout, DateOnly day) =>
        layout.Absolute("audit/day=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The key index of a day partition file: <c>audit/keys/day=D/part-S.parquet</c> beside <c>audit/day=D/part-S.parquet</c>.</summary>
    public static string KeyIndexFile(string partitionFile)
    {
        var dayDirectory = Path.GetDirectoryName(partitionFile)!;
        return Path.Combine(Path.GetDirectoryName(dayDirectory)!, "keys", Path.GetFileName(dayDirectory), Path.GetFileName(partitionFile));
    }

    public static string NewSegment(StoreLayout layout) =>
        Path.Combine(JournalDirectory(layout), "segment-" + Guid.NewGuid().ToString("N") + SegmentExtension);

    public static IReadOnlyList<string> Segments(StoreLayout layout)
    {
        var directory = JournalDirectory(layout);
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + SegmentExtension).Order(StringComparer.Ordinal).ToArray() : [];
    }

    /// <summary>The Parquet files of the days from <paramref name="since"/> on (all days when null), pruned by folder name.</summary>
    public static IReadOnlyList<string> PartitionFiles(StoreLayout layout, DateOnly? since)
    {
        var root = Root(layout);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var files = new List<string>();
        foreach (var directory in Directory.GetDirectories(root, "day=*"))
        {
            var name = Path.GetFileName(directory)["day=".Length..];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && (since is null || day >= since))
            {
                files.AddRange(Directory.GetFiles(directory, "*.parquet"));
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
