using System.Globalization;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Sources;

/// <summary>Identifies a version of a source file by size and modification time (to the tick).</summary>
internal static class FileFingerprint
{
    public static string Of(string absolutePath, string displayPath)
    {
        try
        {
            // Opening proves the file is readable now, not only listed (a dangling link, a permission problem).
            using var stream = new FileStream(absolutePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var info = new FileInfo(absolutePath);
            return string.Create(CultureInfo.InvariantCulture, $"{stream.Length}:{info.LastWriteTimeUtc.Ticks}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException(StepErrors.BadInput, $"{displayPath}: cannot read the file: {e.Message} — check it exists and is readable", e);
        }
    }
}
