using System.Globalization;

namespace Hakiri.Runner;

/// <summary>Run ids sort by start time and are unique: <c>20260121T093000Z-3fa9c1</c>.</summary>
public static class RunIds
{
    /// <summary>A new run id at the clock's current time.</summary>
    public static string New(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var time = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        // Six random hex digits from a version-4 GUID (the kernel's random source): uniqueness is all a run id needs, and
        // RandomNumberGenerator goes through OpenSSL, whose loading cost a local run 10 ms of start-up (issue 17).
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes);
        return $"{time}-{Convert.ToHexStringLower(bytes[..3])}";
    }
}
