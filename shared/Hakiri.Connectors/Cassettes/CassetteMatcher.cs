namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// Whether a live request (already redacted) is a recorded one: same method, same URL up to the order of query
/// parameters, and the same body when one was recorded. A recorded query value of <see cref="Redactor.Placeholder"/>
/// matches any live value, so a replay with a different secret, or none, still matches.
/// </summary>
internal static class CassetteMatcher
{
    public static bool Matches(CassetteRequest recorded, CassetteRequest live)
    {
        if (!recorded.Method.Equals(live.Method, StringComparison.OrdinalIgnoreCase)
            || !Uri.TryCreate(recorded.Url, UriKind.Absolute, out var recordedUri)
            || !Uri.TryCreate(live.Url, UriKind.Absolute, out var liveUri)
            || !recordedUri.GetLeftPart(UriPartial.Path).Equals(liveUri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal)
            || !QueriesMatch(Query(recordedUri), Query(liveUri)))
        {
            return false;
        }

        return recorded.Body is not null ? recorded.Body.Equals(live.Body, StringComparison.Ordinal)
            : recorded.BodyBase64 is null || recorded.BodyBase64.Equals(live.BodyBase64, StringComparison.Ordinal);
    }

    private static bool QueriesMatch(ILookup<string, string?> recorded, ILookup<string, string?> live)
    {
        if (recorded.Count != live.Count)
        {
            return false;
        }

        foreach (var group in recorded)
        {
            var remaining = live[group.Key].ToList();
            if (remaining.Count != group.Count())
            {
                return false;
            }

            foreach (var value in group.Where(v => v != Redactor.Placeholder))
            {
                if (!remaining.Remove(value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static ILookup<string, string?> Query(Uri uri) =>
        uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToLookup(
                parts => Uri.UnescapeDataString(parts[0]),
                parts => parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null,
                StringComparer.Ordinal);
}
