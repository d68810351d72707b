using System.Net.Http.Headers;
using System.Text;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;

namespace Hakiri.Connectors.Http;

/// <summary>
/// The secrets of one read, read from the environment once, and the one place that knows them: it puts them on
/// requests and takes them out of anything printed or stored.
/// </summary>
internal sealed class HttpCredentials
{
    private readonly HttpAuth _auth;
    private readonly string? _secret;
    private readonly string? _user;
    private readonly string? _password;
    private readonly string[] _redactions;

    private HttpCredentials(HttpAuth auth, string? secret, string? user, string? password)
    {
        _auth = auth;
        _secret = secret;
        _user = user;
        _password = password;
        _redactions = new[] { secret, user, password }
            .Where(s => !string.IsNullOrEmpty(s) && s.Length >= 4)
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>Whether requests carry credentials.</summary>
    public bool Authenticated => _auth.Kind != HttpAuthKind.None;

    /// <summary>The variables to check when the service refuses the credentials, as prose (<c>TOKEN</c>, <c>A and B</c>).</summary>
    public string VariablesText => string.Join(" and ", _auth.EnvironmentVariables);

    /// <summary>
    /// Reads the secrets <paramref name="auth"/> names. A missing or empty variable is a <see cref="ConnectorErrorKind.Permanent"/>
    /// error, unless <paramref name="optional"/> (the GitHub preset works unauthenticated when its token is unset).
    /// </summary>
    public static HttpCredentials Resolve(string pipeline, HttpAuth auth, Func<string, string?> environment, bool optional = false)
    {
        string? Read(string? variable, string what)
        {
            if (string.IsNullOrEmpty(variable))
            {
                throw new ConnectorException(ConnectorErrorKind.Permanent,
                    $"{pipeline}: {Describe(auth.Kind)} auth needs the name of the environment variable holding {what}; set it in the pipeline's [source.auth].");
            }

            var value = environment(variable);
            return !string.IsNullOrEmpty(value) ? value
                : optional ? null
                : throw new ConnectorException(ConnectorErrorKind.Permanent,
                    $"{pipeline}: the environment variable {variable} is not set or empty; set it to {what} ({Describe(auth.Kind)} auth) before running the pipeline.");
        }

        switch (auth.Kind)
        {
            case HttpAuthKind.None:
                return new(auth, null, null, null);
            case HttpAuthKind.Basic:
                var user = Read(auth.EnvUser, "the user name");
                var password = Read(auth.EnvPassword, "the password");
                return user is null || password is null ? new(HttpAuth.None, null, null, null) : new(auth, null, user, password);
            default:
                if (auth.Kind is HttpAuthKind.Header or HttpAuthKind.Query && string.IsNullOrEmpty(auth.Name))
                {
                    throw new ConnectorException(ConnectorErrorKind.Permanent,
                        $"{pipeline}: {Describe(auth.Kind)} auth needs a name (the {(auth.Kind == HttpAuthKind.Header ? "header" : "query parameter")} carrying the secret); set it in the pipeline's [source.auth].");
                }

                var secret = Read(auth.Env, auth.Kind == HttpAuthKind.Bearer ? "the API token" : "the API key");
                return secret is null ? new(HttpAuth.None, null, null, null) : new(auth, secret, null, null);
        }
    }

    /// <summary>The URL to send: <paramref name="url"/> (secret-free) plus the query secret, if any.</summary>
    public string ApplyToUrl(string url) =>
        _auth.Kind == HttpAuthKind.Query ? QueryString.With(url, _auth.Name!, _secret!) : url;

    /// <summary>Adds the credential header, if any.</summary>
    public void ApplyToHeaders(HttpRequestHeaders headers)
    {
        switch (_auth.Kind)
        {
            case HttpAuthKind.Bearer:
                headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
                break;
            case HttpAuthKind.Basic:
                headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
                break;
            case HttpAuthKind.Header:
                headers.Remove(_auth.Name!);
                headers.TryAddWithoutValidation(_auth.Name!, _secret);
                break;
        }
    }

    /// <summary><paramref name="url"/> safe to print or store: the query secret parameter removed and any secret value masked.</summary>
    public string RedactUrl(string url) =>
        Redact(_auth.Kind == HttpAuthKind.Query ? QueryString.Without(url, _auth.Name!) : url);

    /// <summary><paramref name="text"/> with every secret value masked.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _redactions)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Describe(HttpAuthKind kind) => kind.ToString().ToLowerInvariant();
}
