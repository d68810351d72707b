using System.Text;

namespace Hakiri.Connectors.Http;

/// <summary>An RFC 8288 <c>Link</c> header: <c>&lt;url&gt;; rel="next"; title="a, b", &lt;url2&gt;; rel=last</c>.</summary>
internal static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> includes <paramref name="relation"/>, or <see langword="null"/>.</summary>
    public static string? Find(IEnumerable<string> headerValues, string relation)
    {
        foreach (var value in headerValues)
        {
            foreach (var (target, parameters) in Parse(value))
            {
                if (parameters.TryGetValue("rel", out var rel)
                    && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => string.Equals(r, relation, StringComparison.OrdinalIgnoreCase)))
                {
                    return target;
                }
            }
        }

        return null;
    }

    /// <summary>Every link of one header value with its parameters (names lower-cased; the first of a repeated name wins).</summary>
    public static IEnumerable<(string Target, Dictionary<string, string> Parameters)> Parse(string value)
    {
        var i = 0;
        while (true)
        {
            SkipWhile(value, ref i, c => c is ',' or ' ' or '\t');
            if (i >= value.Length || value[i] != '<')
            {
                yield break;
            }

            var close = value.IndexOf('>', i + 1);
            if (close < 0)
            {
                yield break;
            }

            var target = value[(i + 1)..close].Trim();
            i = close + 1;
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipWhile(value, ref i, c => c is ' ' or '\t');
                if (i >= value.Length || value[i] != ';')
                {
                    break;
                }

                i++;
                SkipWhile(value, ref i, c => c is ' ' or '\t');
                var nameStart = i;
                SkipWhile(value, ref i, c => c is not ('=' or ';' or ',' or ' ' or '\t'));
                var name = value[nameStart..i].ToLowerInvariant();
                SkipWhile(value, ref i, c => c is ' ' or '\t');
                var parameterValue = string.Empty;
                if (i < value.Length && value[i] == '=')
                {
                    i++;
                    SkipWhile(value, ref i, c => c is ' ' or '\t');
                    parameterValue = i < value.Length && value[i] == '"' ? ReadQuoted(value, ref i) : ReadToken(value, ref i);
                }

                if (name.Length > 0)
                {
                    parameters.TryAdd(name, parameterValue);
                }
            }

            yield return (target, parameters);
            SkipWhile(value, ref i, c => c != ',');
        }
    }

    private static string ReadQuoted(string value, ref int i)
    {
        var text = new StringBuilder();
        for (i++; i < value.Length && value[i] != '"'; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            text.Append(value[i]);
        }

        i++;
        return text.ToString();
    }

    private static string ReadToken(string value, ref int i)
    {
        var start = i;
        SkipWhile(value, ref i, c => c is not (';' or ','));
        return value[start..i].Trim();
    }

    private static void SkipWhile(string value, ref int i, Func<char, bool> predicate)
    {
        while (i < value.Length && predicate(value[i]))
        {
            i++;
        }
    }
}
