namespace Hakiri.Model.Manifests;

/// <summary>
/// A host a connector may call: an exact host name, or <c>*.</c> followed by a domain (any sub-domain of it, not
/// the domain itself), optionally with a port (default: any port).
/// </summary>
/// <param name="Host">The host, lower-case, possibly starting with <c>*.</c>.</param>
/// <param name="Port">The port, or <see langword="null"/> for any.</param>
public sealed record HostPattern(string Host, int? Port)
{
    private bool IsWildcard => Host.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Whether the pattern admits <paramref name="host"/> on <paramref name="port"/>.</summary>
    public bool Matches(string host, int port)
    {
        if (Port is { } p && p != port)
        {
            return false;
        }

        var candidate = host.TrimEnd('.').ToLowerInvariant();
        if (IsWildcard)
        {
            var suffix = Host[1..];
            return candidate.Length > suffix.Length && candidate.EndsWith(suffix, StringComparison.Ordinal);
        }

        return string.Equals(candidate, Host, StringComparison.Ordinal);
    }

    /// <summary>Whether every host and port <paramref name="other"/> admits, this pattern admits too.</summary>
    public bool Covers(HostPattern other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Port is { } p && other.Port != p)
        {
            return false;
        }

        if (!IsWildcard)
        {
            return !other.IsWildcard && string.Equals(other.Host, Host, StringComparison.Ordinal);
        }

        // *.example.com covers api.example.com and *.eu.example.com, and *.example.com itself.
        var suffix = Host[1..];
        var otherSuffix = other.IsWildcard ? other.Host[1..] : "." + other.Host;
        return otherSuffix.Length > suffix.Length ? otherSuffix.EndsWith(suffix, StringComparison.Ordinal)
            : other.IsWildcard && string.Equals(otherSuffix, suffix, StringComparison.Ordinal);
    }

    /// <summary>The pattern as written in a manifest.</summary>
    public override string ToString() => Port is { } p ? $"{Host}:{p}" : Host;
}
