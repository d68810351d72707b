using System.Globalization;
using System.Text.Json;

namespace Hakiri.Toml.Tests.Corpus;

/// <summary>
/// Compares two tagged-JSON documents by meaning, as toml-test does: key order is ignored, numbers compare
/// by value (nan equals nan), and date/times compare by their canonical form.
/// </summary>
internal static class TaggedJsonAssert
{
    public static void Equivalent(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        var problem = Compare(expected.RootElement, actual.RootElement, "$");
        Assert.True(problem is null, $"{problem}\nexpected:\n{expectedJson}\nactual:\n{actualJson}");
    }

    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected a JSON {expected.ValueKind}, got {actual.ValueKind}.";
        }

        if (expected.ValueKind == JsonValueKind.Array)
        {
            var e = expected.EnumerateArray().ToList();
            var a = actual.EnumerateArray().ToList();
            if (e.Count != a.Count)
            {
                return $"{path}: expected {e.Count} elements, got {a.Count}.";
            }

            return e.Zip(a).Select((pair, i) => Compare(pair.First, pair.Second, $"{path}[{i}]")).FirstOrDefault(p => p is not null);
        }

        if (expected.ValueKind != JsonValueKind.Object)
        {
            return $"{path}: unexpected JSON {expected.ValueKind} in tagged JSON.";
        }

        if (IsLeaf(expected) || IsLeaf(actual))
        {
            return CompareLeaf(expected, actual, path);
        }

        var expectedKeys = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var actualKeys = actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        if (!expectedKeys.SequenceEqual(actualKeys, StringComparer.Ordinal))
        {
            return $"{path}: expected keys [{string.Join(", ", expectedKeys)}], got [{string.Join(", ", actualKeys)}].";
        }

        return expectedKeys.Select(k => Compare(expected.GetProperty(k), actual.GetProperty(k), $"{path}.{k}")).FirstOrDefault(p => p is not null);
    }

    private static bool IsLeaf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.EnumerateObject().Count() == 2
        && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
        && e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String;

    private static string? CompareLeaf(JsonElement expected, JsonElement actual, string path)
    {
        if (!IsLeaf(expected) || !IsLeaf(actual))
        {
            return $"{path}: one side is a value and the other a table.";
        }

        var type = expected.GetProperty("type").GetString()!;
        var actualType = actual.GetProperty("type").GetString()!;
        var e = expected.GetProperty("value").GetString()!;
        var a = actual.GetProperty("value").GetString()!;
        if (type != actualType)
        {
            return $"{path}: expected type {type}, got {actualType}.";
        }

        var same = type switch
        {
            "integer" => long.Parse(e, CultureInfo.InvariantCulture) == long.Parse(a, CultureInfo.InvariantCulture),
            "float" => SameFloat(ParseFloat(e), ParseFloat(a)),
            "datetime" or "datetime-local" or "date-local" or "time-local" => CanonicalDateTime(e) == CanonicalDateTime(a),
            _ => string.Equals(e, a, StringComparison.Ordinal),
        };
        return same ? null : $"{path}: expected {type} '{e}', got '{a}'.";
    }

    public static double ParseFloat(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "+nan" or "-nan" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static bool SameFloat(double e, double a) => (double.IsNaN(e) && double.IsNaN(a)) || e == a;

    /// <summary>Upper-case, T separator, no trailing fraction zeros, and +00:00 / -00:00 written as Z.</summary>
    public static string CanonicalDateTime(string text)
    {
        var t = text.ToUpperInvariant();
        if (t.Length > 10 && t[10] == ' ')
        {
            t = string.Concat(t.AsSpan(0, 10), "T", t.AsSpan(11));
        }

        if (t.EndsWith("+00:00", StringComparison.Ordinal) || t.EndsWith("-00:00", StringComparison.Ordinal))
        {
            t = t[..^6] + "Z";
        }

        var dot = t.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return t;
        }

        var end = dot + 1;
        while (end < t.Length && char.IsAsciiDigit(t[end]))
        {
            end++;
        }

        var fraction = t[(dot + 1)..end].TrimEnd('0');
        return t[..dot] + (fraction.Length > 0 ? "." + fraction : "") + t[end..];
    }
}
