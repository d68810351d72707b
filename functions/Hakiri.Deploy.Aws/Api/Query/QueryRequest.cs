using System.Globalization;
using System.Text;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// One AWS Query-protocol call: <c>Action</c>, <c>Version</c> and flattened parameters, with lists as
/// <c>Name.member.N</c> and structures in lists as <c>Name.member.N.Field</c> (N from 1).
/// </summary>
internal sealed class QueryRequest(string action, string version)
{
    private readonly List<KeyValuePair<string, string>> _parameters = [new("Action", action), new("Version", version)];

    public string Action { get; } = action;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    /// <summary>Adds <paramref name="name"/> unless <paramref name="value"/> is null.</summary>
    public QueryRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Adds <c>name.member.1</c>…<c>name.member.N</c>.</summary>
    public QueryRequest AddList(string name, IEnumerable<string> values)
    {
        var index = 0;
        foreach (var value in values)
        {
            _parameters.Add(new(Member(name, ++index), value));
        }

        return this;
    }

    /// <summary>Adds <c>name.member.N.Field</c> for each field <paramref name="fields"/> gives each item (null values skipped).</summary>
    public QueryRequest AddStructures<T>(string name, IEnumerable<T> items, Func<T, IEnumerable<(string Field, string? Value)>> fields)
    {
        var index = 0;
        foreach (var item in items)
        {
            var prefix = Member(name, ++index);
            foreach (var (field, value) in fields(item))
            {
                Add($"{prefix}.{field}", value);
            }
        }

        return this;
    }

    /// <summary>The <c>application/x-www-form-urlencoded</c> body (RFC 3986 encoding, in insertion order).</summary>
    public string ToFormBody()
    {
        var body = new StringBuilder();
        foreach (var (name, value) in _parameters)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            body.Append(SigV4Canonical.Encode(name)).Append('=').Append(SigV4Canonical.Encode(value));
        }

        return body.ToString();
    }

    private static string Member(string name, int index) => $"{name}.member.{index.ToString(CultureInfo.InvariantCulture)}";
}
