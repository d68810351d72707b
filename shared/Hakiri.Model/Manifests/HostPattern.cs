namespace Hakiri.Model.Manifests;

/// <summary>
/// A host a connector may call: an exact host name, or <c>*.</c> followed by a domain (any sub-domain of it, not
/// the domain itself), optionally with a port (default: any port).
/// </summary>
/// <param name="Host">The host, lower-case, possibly starting with <c>*.</c>.</param>
/// <param name="Port">The port, or <see langword="null"/> for any.</param>
public sealed record HostPattern(string Host, int? Port)
{
    /// <summary>Whether the pattern admits <paramref name="host"/> on <paramref name="port"/>.</summary>
    public bool Matches(string host, int port)
    {
        if (Port is { } p && p != port)
        {
            return false;
        }

        var candidate = host.TrimEnd('.').ToLowerInvariant();
        if (Host.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = Host[1..];
            return candidate.Length > suffix.Length && candidate.EndsWith(suffix, StringComparison.Ordinal);
        }

        return string.Equals(candidate, Host, StringComparison.Ordinal);
    }

    /// <summary>The pattern as written in a manifest.</summary>
    public override string ToString() => Port is { } p ? $"{Host}:{p}" : Host;
}
