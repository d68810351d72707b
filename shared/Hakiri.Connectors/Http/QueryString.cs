namespace Hakiri.Connectors.Http;

/// <summary>Adds, replaces and removes query parameters of absolute URLs, leaving the rest of the URL as written.</summary>
internal static class QueryString
{
    /// <summary><paramref name="url"/> with <paramref name="parameters"/> appended in order (values escaped).</summary>
    public static string Append(string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
        }

        return url;
    }

    /// <summary><paramref name="url"/> with <paramref name="name"/> set to <paramref name="value"/> (any earlier values removed).</summary>
    public static string With(string url, string name, string value) =>
        Append(Without(url, name), [new(name, value)]);

    /// <summary><paramref name="url"/> without any parameter named <paramref name="name"/>.</summary>
    public static string Without(string url, string name)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var hash = url.IndexOf('#', question);
        var fragment = hash < 0 ? string.Empty : url[hash..];
        var query = hash < 0 ? url[(question + 1)..] : url[(question + 1)..hash];
        var kept = query.Split('&').Where(pair => pair.Length > 0 && !string.Equals(NameOf(pair), name, StringComparison.Ordinal)).ToArray();
        return url[..question] + (kept.Length == 0 ? string.Empty : "?" + string.Join('&', kept)) + fragment;
    }

    private static string NameOf(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var raw = equals < 0 ? pair : pair[..equals];
        return Uri.UnescapeDataString(raw.Replace('+', ' '));
    }
}
