using System.Globalization;

namespace Hakiri.Steps.Sources;

/// <summary>Identifies a version of a source file by size and modification time (to the tick).</summary>
internal static class FileFingerprint
{
    public static string Of(FileInfo file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}");
}
