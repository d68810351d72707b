using System.Globalization;
using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Audit.Journal;

/// <summary>
/// Folds a journal segment into the day partitions: one Parquet file per day the segment spans, named after the
/// segment (so folding it again after a crash overwrites rather than duplicates), and its key index beside it, each
/// written under a temporary name and renamed, then the segment is deleted.
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

    // The lines are numbered in time order (stable), so a record's row in its day's file is known before DuckDB writes
    // it: the key index points at those rows. The day's file is renamed into place before its index, and both before
    // the segment is deleted; a crash in between leaves a file without index, which queries scan instead.
    private static void WriteParquet(StoreLayout layout, string segmentName, IReadOnlyList<(string Line, JournalEntry Entry)> lines)
    {
        var ordered = lines.OrderBy(l => l.Entry.TimeMicros).ToArray();
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        AuditColumns.Load(connection, "journal", ordered);
        var rows = new Dictionary<DateOnly, long>();
        using (var index = KeyIndex.Create(connection))
        {
            foreach (var (_, entry) in ordered)
            {
                var row = rows.GetValueOrDefault(entry.Day);
                rows[entry.Day] = row + 1;
                KeyIndex.Add(index, entry, row);
            }
        }

        var part = "part-" + segmentName["segment-".Length..] + ".parquet";
        foreach (var day in rows.Keys)
        {
            var directory = AuditPaths.DayDirectory(layout, day);
            Directory.CreateDirectory(directory);
            var final = Path.Combine(directory, part);
            var temporary = final + ".tmp";
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            connection.Execute(
                $"COPY ({AuditColumns.Select("journal", $"day = DATE '{date}'", ordered: true)}) TO {AuditColumns.Literal(temporary)} (FORMAT parquet, COMPRESSION zstd)");
            File.Move(temporary, final, overwrite: true);
            var index = AuditPaths.KeyIndexFile(final);
            Directory.CreateDirectory(Path.GetDirectoryName(index)!);
            KeyIndex.Write(connection, day, index);
        }
    }
}
