using System.Text.Json;

namespace Hakiri.Connectors.Http;

/// <summary>Dotted paths (<c>data.items</c>) into a JSON value, as the manifest writes them.</summary>
internal static class JsonPath
{
    /// <summary>Finds <paramref name="path"/> under <paramref name="root"/>; the empty path is the root itself.</summary>
    public static bool TryGet(JsonElement root, string? path, out JsonElement value)
    {
        value = root;
        if (string.IsNullOrEmpty(path))
        {
            return true;
        }

        foreach (var segment in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The scalar at <paramref name="path"/> as text (strings as themselves, numbers as written), or
    /// <see langword="null"/> when it is absent, null or empty: the "no next page" signal of next_url and cursor paging.
    /// </summary>
    public static string? GetText(JsonElement root, string? path)
    {
        if (!TryGet(root, path, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
