using System.Net;

namespace Hakiri.Connectors.Http;

/// <summary>One successful (or not-modified) response: the body, and the headers paging and conditional requests need.</summary>
/// <param name="Status">200-ish, or 304 for a conditional request whose ETag still matched.</param>
/// <param name="Body">The body, decompressed.</param>
/// <param name="Links">The <c>Link</c> header values.</param>
/// <param name="ETag">The <c>ETag</c> header, if any.</param>
internal sealed record HttpFetch(HttpStatusCode Status, byte[] Body, IReadOnlyList<string> Links, string? ETag)
{
    /// <summary>Whether the conditional request found nothing changed.</summary>
    public bool NotModified => Status == HttpStatusCode.NotModified;
}

/// <summary>Why an attempt failed in a way worth retrying.</summary>
/// <param name="What">What happened, as the end of a sentence after the method and URL: <c>returned 503 Service Unavailable</c>.</param>
/// <param name="Kind">The error kind if this is the last attempt.</param>
/// <param name="Wait">How long the service asked us to wait, or <see langword="null"/> for backoff.</param>
/// <param name="Inner">The exception behind it, if any.</param>
internal sealed record HttpFailure(string What, Contract.ConnectorErrorKind Kind, TimeSpan? Wait = null, Exception? Inner = null);
