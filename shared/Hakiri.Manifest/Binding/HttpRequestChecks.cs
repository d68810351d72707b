using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>
/// What the schema cannot say about an <c>http</c> source's requests: a query parameter or header written in the
/// manifest that auth, pagination or incremental also set, and literal values that look like secrets.
/// </summary>
internal static class HttpRequestChecks
{
    private static readonly string[] SecretWords =
        ["token", "secret", "password", "passwd", "apikey", "api_key", "api-key", "access_key", "accesskey", "private_key", "credential", "signature"];

    public static void Check(TomlTable source, string pipeline, HttpAuth auth, HttpPagination pagination, HttpIncremental? incremental, DiagnosticBag diagnostics)
    {
        var where = $"[pipelines.{pipeline}.source]";
        var setParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfSet(setParameters, pagination.Param, "pagination");
        AddIfSet(setParameters, pagination.LimitParam, "pagination");
        AddIfSet(setParameters, incremental?.Param, "incremental");
        AddIfSet(setParameters, auth.Kind == HttpAuthKind.Query ? auth.Name : null, "auth");
        foreach (var entry in TomlRead.Table(source, "params")?.Entries ?? [])
        {
            if (setParameters.TryGetValue(entry.Key, out var owner))
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column, $"the query parameter '{entry.Key}' in params of {where} is also set by {owner}",
                    $"remove it from params: {owner} sets it on every request");
            }
            else if (entry.Value is TomlString value && LooksSecret(entry.Key, value.Value))
            {
                diagnostics.Warning(value.Position.Line, value.Position.Column,
                    $"the query parameter '{entry.Key}' in {where} holds a literal value that looks like a secret, and manifests are usually committed",
                    $"write auth = {{ kind = \"query\", name = \"{entry.Key}\", env = \"API_TOKEN\" }} instead and set API_TOKEN in the environment");
            }
        }

        var setHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        AddIfSet(setHeaders, auth.Kind is HttpAuthKind.Bearer or HttpAuthKind.Basic ? "Authorization" : null, "auth");
        AddIfSet(setHeaders, auth.Kind == HttpAuthKind.Header ? auth.Name : null, "auth");
        var written = new Dictionary<string, TomlPosition>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in TomlRead.Table(source, "headers")?.Entries ?? [])
        {
            if (written.TryGetValue(entry.Key, out var first))
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column,
                    $"the header '{entry.Key}' in {where} is written twice (header names ignore case; first at {first})", "keep one of them");
                continue;
            }

            written.Add(entry.Key, entry.KeyPosition);
            if (setHeaders.TryGetValue(entry.Key, out var owner))
            {
                diagnostics.Error(entry.KeyPosition.Line, entry.KeyPosition.Column, $"the header '{entry.Key}' in headers of {where} is also set by {owner}",
                    $"remove it from headers: {owner} sets it on every request");
            }
            else if (entry.Value is TomlString value && LooksSecret(entry.Key, value.Value))
            {
                diagnostics.Warning(value.Position.Line, value.Position.Column,
                    $"the header '{entry.Key}' in {where} holds a literal value that looks like a secret, and manifests are usually committed",
                    $"write {AuthFor(entry.Key, value.Value)} instead and set the variable in the environment");
            }
        }
    }

    private static void AddIfSet(Dictionary<string, string> owners, string? name, string owner)
    {
        if (!string.IsNullOrEmpty(name))
        {
            owners.TryAdd(name, owner);
        }
    }

    private static bool LooksSecret(string name, string value)
    {
        var key = name.ToLowerInvariant();
        return key is "authorization" or "proxy-authorization" or "cookie" or "key"
            || SecretWords.Any(word => key.Contains(word, StringComparison.Ordinal))
            || value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
    }

    private static string AuthFor(string header, string value)
    {
        if (string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                ? "auth = { kind = \"basic\", env_user = \"API_USER\", env_password = \"API_PASSWORD\" }"
                : "auth = { kind = \"bearer\", env = \"API_TOKEN\" }";
        }

        return $"auth = {{ kind = \"header\", name = \"{header}\", env = \"API_TOKEN\" }}";
    }
}
