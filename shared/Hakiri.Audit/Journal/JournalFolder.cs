using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Audit.Journal;

/// <summary>
/// Folds a journal segment into the day partitions: one Parquet file per day the segment spans, named after the
/// segment (so folding it again after a crash overwrites rather than duplicates), written under a temporary name and
/// renamed, then the segment is deleted.
/// </summary>
internal static class JournalFolder
{
    /// <summary>Folds every segment no live writer holds; returns how many were folded.</summary>
    public static int FoldIdle(StoreLayout layout) => AuditPaths.Segments(layout).Count(segment => TryFold(layout, segment));

    /// <summary>Folds the segment unless a live writer (or another folder) holds it; true when it was folded.</summary>
    public static bool TryFold(StoreLayout layout, string segment)
    {
        FileStream held;
        try
        {
            held = new FileStream(segment, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (IOException)
        {
            // Gone (folded by someone else) or locked (a live writer's segment): not ours to fold.
            return false;
        }

        using (held)
        {
            var lines = JournalSegment.ReadLines(held);
            if (lines.Count > 0)
            {
                WriteParquet(layout, Path.GetFileNameWithoutExtension(segment), lines);
            }

            File.Delete(segment);
            return true;
        }
    }

    private static void WriteParquet(StoreLayout layout, string segmentName, IReadOnlyList<(string Line, JournalEntry Entry)> lines)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        AuditColumns.Load(connection, "journal", lines);
        foreach (var day in lines.Select(l => l.Entry.Day).Distinct())
        {
            var directory = AuditPaths.DayDirectory(layout, day);
            Directory.CreateDirectory(directory);
            var final = Path.Combine(directory, "part-" + segmentName["segment-".Length..] + ".parquet");
            var temporary = final + ".tmp";
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            connection.Execute(
                $"COPY ({AuditColumns.Select("journal", $"day = DATE '{date}'")} ORDER BY time) TO {AuditColumns.Literal(temporary)} (FORMAT parquet, COMPRESSION zstd)");
            File.Move(temporary, final, overwrite: true);
        }
    }
}
