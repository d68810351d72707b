using System.Text.Json;

namespace Hakiri.Connectors.Http;

/// <summary>Incremental high-water marks: numbers compare numerically, strings ordinally.</summary>
internal static class IncrementalValue
{
    /// <summary>The larger of <paramref name="current"/> and <paramref name="candidate"/> (a clone, safe after the page is disposed).</summary>
    public static JsonElement? Max(JsonElement? current, JsonElement candidate)
    {
        if (candidate.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            return current;
        }

        if (current is not { } existing || (existing.ValueKind == candidate.ValueKind && Compare(candidate, existing) > 0))
        {
            return candidate.Clone();
        }

        return current;
    }

    /// <summary>The value as a query parameter: strings as themselves, numbers as written.</summary>
    public static string ToParameter(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();

    private static int Compare(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Number
            ? a.TryGetInt64(out var x) && b.TryGetInt64(out var y) ? x.CompareTo(y)
            : a.TryGetDecimal(out var dx) && b.TryGetDecimal(out var dy) ? dx.CompareTo(dy)
            : a.GetDouble().CompareTo(b.GetDouble())
            : string.CompareOrdinal(a.GetString(), b.GetString());
}
