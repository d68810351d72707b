using System.Globalization;
using System.Text.Json;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Http;

/// <summary>The sentences http connector errors say: pipeline, method and URL (never secrets), and what to do.</summary>
internal static class HttpErrors
{
    /// <summary><c>503 Service Unavailable</c>.</summary>
    public static string Describe(HttpResponseMessage response) =>
        string.IsNullOrEmpty(response.ReasonPhrase)
            ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
            : $"{(int)response.StatusCode} {response.ReasonPhrase}";

    /// <summary>The last retry failed.</summary>
    public static ConnectorException Exhausted(HttpReadPlan plan, string url, HttpFailure failure, int attempts, TimeSpan wait) =>
        failure.Kind == ConnectorErrorKind.RateLimited
            ? new(ConnectorErrorKind.RateLimited,
                $"{plan.Pipeline}: GET {url} {failure.What} on all {attempts} attempts; run again after {HttpWaits.Format(wait)} or lower the run frequency.",
                wait, failure.Inner)
            : new(ConnectorErrorKind.Transient,
                $"{plan.Pipeline}: GET {url} {failure.What} on all {attempts} attempts; the API is unavailable or slow, so retry later"
                + (failure.What.StartsWith("timed out", StringComparison.Ordinal) ? " or raise limits.timeout_seconds." : "."),
                inner: failure.Inner);

    /// <summary>The service asked for a pause longer than the connector sleeps through.</summary>
    public static ConnectorException WaitTooLong(HttpReadPlan plan, string url, TimeSpan wait) =>
        new(ConnectorErrorKind.RateLimited,
            $"{plan.Pipeline}: GET {url} is rate limited for {HttpWaits.Format(wait)}, longer than the {HttpWaits.Format(plan.MaxWait)} the connector waits; the run should resume after that.",
            wait);

    /// <summary>A 4xx that retrying will not fix.</summary>
    public static ConnectorException Refused(HttpReadPlan plan, HttpCredentials credentials, string url, int status, string described)
    {
        var head = $"{plan.Pipeline}: GET {url} returned {described}";
        var unauthenticated = plan.UnauthenticatedHint ?? "add [source.auth] to the pipeline with the variable that holds the API's credentials";
        return status switch
        {
            401 when credentials.Authenticated => new(ConnectorErrorKind.AuthExpired,
                $"{head}; check that the environment variable {credentials.VariablesText} holds a valid, unexpired credential."),
            401 => new(ConnectorErrorKind.AuthExpired, $"{head} because the request carried no credentials; {unauthenticated}."),
            403 when credentials.Authenticated => new(ConnectorErrorKind.Permanent,
                $"{head}; check that the credential in {credentials.VariablesText} is allowed to read this resource."),
            403 => new(ConnectorErrorKind.Permanent, $"{head} because the request carried no credentials; {unauthenticated}."),
            404 => new(ConnectorErrorKind.Permanent, $"{head}; {plan.NotFoundHint}."),
            _ => new(ConnectorErrorKind.Permanent, $"{head}; check the path and params of the pipeline's source."),
        };
    }

    /// <summary>The body is not JSON.</summary>
    public static ConnectorException Malformed(HttpReadPlan plan, string url, JsonException e) =>
        new(ConnectorErrorKind.Permanent,
            $"{plan.Pipeline}: GET {url} returned malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}; check that the URL serves a JSON API.",
            inner: e);

    /// <summary>The body has no records array where the manifest says.</summary>
    public static ConnectorException NoRecords(HttpReadPlan plan, string url) =>
        new(ConnectorErrorKind.Permanent,
            string.IsNullOrEmpty(plan.Records)
                ? $"{plan.Pipeline}: GET {url} returned a body that is not a JSON array; set records to the dotted path of the array of records in the body."
                : $"{plan.Pipeline}: GET {url} returned a body with no array at records path '{plan.Records}'; set records to the dotted path of the array of records in the body.");

    /// <summary>The API pointed back at a page already read.</summary>
    public static ConnectorException Loop(HttpReadPlan plan, string url, string next) =>
        new(ConnectorErrorKind.Permanent,
            $"{plan.Pipeline}: GET {url} points to next page {next}, which this read already fetched (a pagination loop); check the pagination settings of the pipeline's source.");

    /// <summary>The max_pages guard.</summary>
    public static ConnectorException TooManyPages(HttpReadPlan plan, string url) =>
        new(ConnectorErrorKind.Permanent,
            $"{plan.Pipeline}: GET {url} would be page {plan.Limits.MaxPages + 1} of this read, more than limits.max_pages ({plan.Limits.MaxPages}); raise max_pages or check the pagination settings.");
}
