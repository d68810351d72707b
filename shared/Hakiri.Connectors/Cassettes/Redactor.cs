using System.Text;
using System.Text.RegularExpressions;

namespace Hakiri.Connectors.Cassettes;

/// <summary>
/// Keeps secrets out of cassettes and makes recorded and live requests comparable: secret values (read from the
/// environment variables a manifest names) are replaced wherever they occur, the values of secret query parameters
/// are replaced by name in every URL, and secret headers (always <c>Authorization</c> and <c>Proxy-Authorization</c>)
/// are replaced whole, each by <see cref="Placeholder"/>.
/// </summary>
public sealed class Redactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Placeholder = "[redacted]";

    private static readonly string[] AlwaysSecretHeaders = ["Authorization", "Proxy-Authorization"];

    private readonly string[] _values;
    private readonly HashSet<string> _headers;
    private readonly Regex? _queryParameters;

    /// <summary>Creates a redactor.</summary>
    /// <param name="secretValues">Secret values; <see langword="null"/> and empty ones (unset variables) are ignored.</param>
    /// <param name="secretQueryParameters">Names of query parameters whose values are secret, e.g. <c>api_key</c> (case-insensitive).</param>
    /// <param name="secretHeaders">Names of headers whose values are secret, e.g. <c>X-Api-Key</c>, besides the two always redacted.</param>
    public Redactor(IEnumerable<string?> secretValues, IEnumerable<string>? secretQueryParameters = null, IEnumerable<string>? secretHeaders = null)
    {
        // Both the raw and the URL-encoded form, longest first so a secret containing another leaves no remnant.
        _values = [.. secretValues
            .Where(v => !string.IsNullOrEmpty(v))
            .SelectMany(v => new[] { v!, Uri.EscapeDataString(v!) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
        _headers = new HashSet<string>(AlwaysSecretHeaders.Concat(secretHeaders ?? []), StringComparer.OrdinalIgnoreCase);
        var names = (secretQueryParameters ?? []).Where(n => n.Length > 0).Select(Regex.Escape).ToArray();
        _queryParameters = names.Length == 0
            ? null
            : new Regex($"(?<name>[?&](?:{string.Join('|', names)})=)[^&#\\s\"'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>A redactor with no secrets: it replaces only <c>Authorization</c> and <c>Proxy-Authorization</c>.</summary>
    public static Redactor None { get; } = new([]);

    /// <summary>A redactor for the values of <paramref name="variables"/> read through <paramref name="environment"/>.</summary>
    /// <param name="variables">Names of environment variables holding secrets (as the manifest names them).</param>
    /// <param name="environment">Reads a variable, e.g. <c>ConnectorServices.Environment</c>; unset ones are skipped.</param>
    /// <param name="secretQueryParameters">Names of secret query parameters.</param>
    /// <param name="secretHeaders">Names of secret headers.</param>
    public static Redactor FromEnvironment(
        IEnumerable<string> variables,
        Func<string, string?> environment,
        IEnumerable<string>? secretQueryParameters = null,
        IEnumerable<string>? secretHeaders = null) =>
        new(variables.Select(environment), secretQueryParameters, secretHeaders);

    /// <summary>Whether every value of the header <paramref name="name"/> is secret.</summary>
    public bool IsSecretHeader(string name) => _headers.Contains(name);

    /// <summary>
    /// <paramref name="text"/> (a URL, a header value, a text body) with secret query parameter values and every
    /// occurrence of a secret value replaced by <see cref="Placeholder"/>.
    /// </summary>
    public string Redact(string text)
    {
        if (_queryParameters is not null)
        {
            text = _queryParameters.Replace(text, "${name}" + Placeholder);
        }

        foreach (var value in _values)
        {
            text = text.Replace(value, Placeholder, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>A header value as stored: <see cref="Placeholder"/> for a secret header, else <see cref="Redact(string)"/>.</summary>
    public string RedactHeader(string name, string value) => IsSecretHeader(name) ? Placeholder : Redact(value);

    /// <summary>A binary body with every UTF-8 occurrence of a secret value replaced by the UTF-8 <see cref="Placeholder"/>.</summary>
    public byte[] Redact(byte[] bytes)
    {
        foreach (var value in _values)
        {
            bytes = Replace(bytes, Encoding.UTF8.GetBytes(value), Encoding.UTF8.GetBytes(Placeholder));
        }

        return bytes;
    }

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        if (at < 0)
        {
            return bytes;
        }

        var output = new List<byte>(bytes.Length);
        var rest = bytes.AsSpan();
        while (at >= 0)
        {
            output.AddRange(rest[..at]);
            output.AddRange(with);
            rest = rest[(at + find.Length)..];
            at = rest.IndexOf(find);
        }

        output.AddRange(rest);
        return [.. output];
    }
}
