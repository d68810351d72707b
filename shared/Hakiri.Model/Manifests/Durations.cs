using System.Globalization;

namespace Hakiri.Model.Manifests;

/// <summary>Short durations as people write them on a command line or in a manifest: <c>90s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>.</summary>
public static class Durations
{
    /// <summary>The regular expression a duration matches.</summary>
    public const string Pattern = "^[0-9]{1,6}[smhd]$";

    /// <summary>Reads <paramref name="text"/>, or returns <see langword="null"/> when it is not a positive duration.</summary>
    public static TimeSpan? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < 2 || text.Length > 7
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as <paramref name="value"/> (whole seconds).</summary>
    public static string Format(TimeSpan value)
    {
        var seconds = (long)value.TotalSeconds;
        return seconds % 86_400 == 0 ? $"{seconds / 86_400}d"
            : seconds % 3_600 == 0 ? $"{seconds / 3_600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }
}
