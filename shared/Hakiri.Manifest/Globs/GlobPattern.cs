using System.Text;
using System.Text.RegularExpressions;

namespace Hakiri.Manifest.Globs;

/// <summary>A problem in a glob: what, and at which character offset.</summary>
public sealed record GlobError(string Message, int Offset);

/// <summary>
/// A path glob over <c>/</c>-separated relative paths: <c>*</c> (within a segment), <c>?</c>, <c>**</c> (any number of
/// segments, as a whole segment), <c>[abc]</c>, <c>[a-z]</c>, <c>[!a]</c>, <c>{csv,tsv}</c>, and <c>\</c> to escape.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string text, Regex regex, string baseDirectory)
    {
        Text = text;
        _regex = regex;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The glob as written.</summary>
    public string Text { get; }

    /// <summary>The leading segments that contain no wildcard: where enumeration starts. Empty for the current directory.</summary>
    public string BaseDirectory { get; }

    /// <summary>Whether a <c>/</c>-separated path matches the whole glob.</summary>
    public bool IsMatch(string path) => _regex.IsMatch(path);

    /// <summary>Parses a glob, returning <see langword="null"/> and an error when it is malformed.</summary>
    public static GlobPattern? TryParse(string text, out GlobError? error)
    {
        error = Validate(text);
        if (error is not null)
        {
            return null;
        }

        var regex = new StringBuilder("^");
        var segments = text.Split('/');
        var baseSegments = new List<string>();
        var literal = true;
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var isLast = s == segments.Length - 1;
            if (segment == "**")
            {
                literal = false;
                regex.Append(isLast ? ".*" : "(?:[^/]*/)*");
                continue;
            }

            literal &= !HasWildcard(segment) && !isLast;
            if (literal)
            {
                baseSegments.Add(segment);
            }

            AppendSegment(regex, segment);
            if (!isLast)
            {
                regex.Append('/');
            }
        }

        regex.Append('$');
        return new GlobPattern(text, new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), string.Join('/', baseSegments));
    }

    private static GlobError? Validate(string text)
    {
        if (text.Length == 0)
        {
            return new GlobError("the path is empty", 0);
        }

        if (text.EndsWith('/'))
        {
            return new GlobError("the path names a directory, not files", text.Length - 1);
        }

        var braceStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    if (i + 1 == text.Length)
                    {
                        return new GlobError("the path ends with an escape character '\\'", i);
                    }

                    i++;
                    break;
                case '[':
                    var close = ClassEnd(text, i);
                    if (close < 0)
                    {
                        return new GlobError("'[' has no closing ']'", i);
                    }

                    if (RangeError(text, i, close) is { } rangeError)
                    {
                        return rangeError;
                    }

                    i = close;
                    break;
                case ']':
                    return new GlobError("']' has no opening '['", i);
                case '{':
                    if (braceStart >= 0)
                    {
                        return new GlobError("'{' alternatives cannot be nested", i);
                    }

                    braceStart = i;
                    break;
                case '}':
                    if (braceStart < 0)
                    {
                        return new GlobError("'}' has no opening '{'", i);
                    }

                    braceStart = -1;
                    break;
                case '/' when braceStart >= 0:
                    return new GlobError("'{' alternatives cannot span directories", i);
                case '*' when i + 1 < text.Length && text[i + 1] == '*':
                    var wholeSegment = (i == 0 || text[i - 1] == '/') && (i + 2 == text.Length || text[i + 2] == '/');
                    if (!wholeSegment)
                    {
                        return new GlobError("'**' must be a whole path segment, as in data/**/*.csv", i);
                    }

                    i++;
                    break;
            }
        }

        return braceStart >= 0 ? new GlobError("'{' has no closing '}'", braceStart) : null;
    }

    private static int ClassEnd(string text, int open)
    {
        var i = open + 1;
        if (i < text.Length && text[i] == '!')
        {
            i++;
        }

        // A ']' right after the opening bracket is a member, not the end.
        if (i < text.Length && text[i] == ']')
        {
            i++;
        }

        for (; i < text.Length; i++)
        {
            if (text[i] == '/')
            {
                return -1;
            }

            if (text[i] == ']')
            {
                return i;
            }
        }

        return -1;
    }

    private static GlobError? RangeError(string text, int open, int close)
    {
        for (var i = open + 2; i < close - 1; i++)
        {
            if (text[i] == '-' && text[i - 1] != '[' && text[i - 1] != '!' && text[i - 1] > text[i + 1])
            {
                return new GlobError($"the range '{text[i - 1]}-{text[i + 1]}' is reversed", i - 1);
            }
        }

        return null;
    }

    private static bool HasWildcard(string segment) => segment.AsSpan().IndexOfAny("*?[{\\") >= 0;

    private static void AppendSegment(StringBuilder regex, string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '\\':
                    regex.Append(Regex.Escape(segment[++i].ToString()));
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = ClassEnd(segment, i);
                    var body = segment[(i + 1)..close];
                    var negate = body.StartsWith('!');
                    regex.Append(negate ? "[^/" : "[").Append(EscapeClass(negate ? body[1..] : body)).Append(']');
                    i = close;
                    break;
                case '{':
                    regex.Append("(?:");
                    break;
                case '}':
                    regex.Append(')');
                    break;
                case ',' when segment.LastIndexOf('{', i) > segment.LastIndexOf('}', i):
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
    }

    private static string EscapeClass(string body) =>
        body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("^", "\\^", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
