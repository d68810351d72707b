using System.Globalization;
using System.Security.Cryptography;

namespace Hakiri.Runner;

/// <summary>Run ids sort by start time and are unique: <c>20260121T093000Z-3fa9c1</c>.</summary>
public static class RunIds
{
    /// <summary>A new run id at the clock's current time.</summary>
    public static string New(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var time = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return $"{time}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }
}
