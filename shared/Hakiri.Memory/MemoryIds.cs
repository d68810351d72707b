using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Hakiri.Memory;

/// <summary>Memory ids (<c>mem_</c>, 12 hex digits of Unix milliseconds, 10 random hex digits) and run ids, both sorting by time.</summary>
internal static class MemoryIds
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string NewId(DateTimeOffset now) =>
        "mem_" + now.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    // The format of every run id (see Hakiri.Runner's RunIds), so memory writes sort among runs.
    public static string NewRun(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public static bool LooksLikeId(string value) =>
        value.Length == 26 && value.StartsWith("mem_", StringComparison.Ordinal) && value.AsSpan(4).ContainsAnyExcept(LowerHex) is false;
}
