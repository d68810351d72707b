namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// A replayed connector sent a request the cassette has no recording of. The message is one sentence naming the
/// request (redacted) and the cassette, and saying how to re-record. Connectors must let it through unchanged: it is
/// neither transient nor the service's fault.
/// </summary>
public sealed class CassetteMissException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The request's method.</param>
    /// <param name="url">The request's URL, redacted.</param>
    /// <param name="cassettePath">The cassette that was searched.</param>
    /// <param name="pipeline">The pipeline to name in the re-record command; <c>PIPELINE</c> when <see langword="null"/>.</param>
    public CassetteMissException(string method, string url, string cassettePath, string? pipeline = null)
        : base($"The cassette {cassettePath} has no recording of {method} {url}; re-record it with `hakiri run --record {pipeline ?? "PIPELINE"}`.")
    {
        Method = method;
        Url = url;
        CassettePath = cassettePath;
    }

    /// <summary>The unmatched request's method.</summary>
    public string Method { get; }

    /// <summary>The unmatched request's URL, redacted.</summary>
    public string Url { get; }

    /// <summary>The cassette that was searched.</summary>
    public string CassettePath { get; }
}
