using System.Globalization;
using System.Text.RegularExpressions;

namespace Hakiri.Steps.Writing;

/// <summary>
/// Names of a write's data files: <c>part-000000.parquet</c>, <c>part-000001.parquet</c>, … and, for a source file
/// converted in byte ranges whose staged files moved into the table as they were, its later ranges beside its first:
/// <c>part-000000.r01.parquet</c>. Compaction counts such a group as one file (<see cref="Unit"/>): the ranges are one
/// load split for speed, and merging them right away would give back what the split gained.
/// </summary>
internal static partial class DataFileNames
{
    /// <summary>The names of a write's outputs, in order, given the staged (or merged) file each comes from.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> outputs)
    {
        var names = new List<string>();
        var part = -1;
        foreach (var output in outputs)
        {
            var range = StagedRange().Match(Path.GetFileName(output));
            if (range.Success && part >= 0)
            {
                names.Add(string.Create(CultureInfo.InvariantCulture, $"part-{part:D6}.r{range.Groups[1].Value}.parquet"));
            }
            else
            {
                part++;
                names.Add(string.Create(CultureInfo.InvariantCulture, $"part-{part:D6}.parquet"));
            }
        }

        return names;
    }

    /// <summary>What compaction counts a data file as: the file itself, or for a later range the file of its first range.</summary>
    public static string Unit(string path) => RangeSuffix().Replace(path, ".parquet");

    [GeneratedRegex(@"^batch-\d+\.r(\d+)\.parquet$")]
    private static partial Regex StagedRange();

    [GeneratedRegex(@"\.r\d+\.parquet$")]
    private static partial Regex RangeSuffix();
}
