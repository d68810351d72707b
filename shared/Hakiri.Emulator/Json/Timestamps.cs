using System.Globalization;
using System.Text.RegularExpressions;

namespace Hakiri.Emulator.Json;

/// <summary>ASL timestamps: RFC 3339 with an uppercase <c>T</c> and either <c>Z</c> or a numeric offset.</summary>
internal static partial class Timestamps
{
    /// <summary>Parses a timestamp the way Choice rules and Wait states accept it.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>How Step Functions writes times in the context object and history: UTC, milliseconds, <c>Z</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
