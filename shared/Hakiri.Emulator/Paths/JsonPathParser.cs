using System.Globalization;
using System.Text;

namespace Hakiri.Emulator.Paths;

/// <summary>
/// Reads the JSONPath subset ASL definitions use: dot and bracket names, indexes (negative from the end), <c>*</c>,
/// slices, unions and <c>..</c>. Filter and script expressions (<c>?(…)</c>, <c>(…)</c>) are refused.
/// </summary>
internal sealed class JsonPathParser(string text)
{
    private readonly List<PathSegment> _segments = [];
    private int _pos;

    public bool TryParse(out bool isContext, out IReadOnlyList<PathSegment> segments, out string error)
    {
        isContext = false;
        segments = _segments;
        error = "";
        if (text.Length == 0 || text[0] != '$')
        {
            error = "a path must begin with '$'";
            return false;
        }

        _pos = 1;
        if (_pos < text.Length && text[_pos] == '$')
        {
            isContext = true;
            _pos++;
        }

        while (_pos < text.Length)
        {
            var segment = text[_pos] switch
            {
                '.' => ReadDotted(ref error),
                '[' => ReadBracket(ref error),
                _ => Fail(ref error, $"unexpected '{text[_pos]}' at position {_pos + 1}"),
            };
            if (segment is null)
            {
                return false;
            }

            _segments.Add(segment);
        }

        return true;
    }

    private static PathSegment? Fail(ref string error, string message)
    {
        error = message;
        return null;
    }

    private PathSegment? ReadDotted(ref string error)
    {
        _pos++;
        if (_pos < text.Length && text[_pos] == '.')
        {
            _pos++;
            var inner = _pos < text.Length && text[_pos] == '[' ? ReadBracket(ref error) : ReadMember(ref error);
            return inner is null ? null : new DescendantSegment(inner);
        }

        return _pos < text.Length && text[_pos] == '[' ? ReadBracket(ref error) : ReadMember(ref error);
    }

    private PathSegment? ReadMember(ref string error)
    {
        if (_pos < text.Length && text[_pos] == '*')
        {
            _pos++;
            return new WildcardSegment();
        }

        var start = _pos;
        while (_pos < text.Length && text[_pos] is not ('.' or '['))
        {
            _pos++;
        }

        return _pos == start
            ? Fail(ref error, $"a field name is missing at position {start + 1}")
            : new NameSegment(text[start.._pos]);
    }

    private PathSegment? ReadBracket(ref string error)
    {
        _pos++;
        SkipSpaces();
        if (_pos >= text.Length)
        {
            return Fail(ref error, "'[' is not closed");
        }

        var first = text[_pos];
        if (first is '?' or '(')
        {
            return Fail(ref error, "filter and script expressions ([?(…)], [(…)]) are not supported by the emulator");
        }

        PathSegment? segment;
        if (first == '*')
        {
            _pos++;
            segment = new WildcardSegment();
        }
        else
        {
            segment = first is '\'' or '"' ? ReadNames(ref error) : ReadNumbers(ref error);
        }

        if (segment is null)
        {
            return null;
        }

        SkipSpaces();
        if (_pos >= text.Length || text[_pos] != ']')
        {
            return Fail(ref error, $"expected ']' at position {_pos + 1}");
        }

        _pos++;
        return segment;
    }

    private PathSegment? ReadNames(ref string error)
    {
        var names = new List<PathSegment>();
        while (true)
        {
            SkipSpaces();
            var name = ReadQuoted(ref error);
            if (name is null)
            {
                return null;
            }

            names.Add(new NameSegment(name));
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == ',')
            {
                _pos++;
                continue;
            }

            return names.Count == 1 ? names[0] : new UnionSegment(names);
        }
    }

    private string? ReadQuoted(ref string error)
    {
        if (_pos >= text.Length || text[_pos] is not ('\'' or '"'))
        {
            Fail(ref error, $"expected a quoted name at position {_pos + 1}");
            return null;
        }

        var quote = text[_pos++];
        var name = new StringBuilder();
        while (_pos < text.Length && text[_pos] != quote)
        {
            if (text[_pos] == '\\' && _pos + 1 < text.Length)
            {
                _pos++;
            }

            name.Append(text[_pos++]);
        }

        if (_pos >= text.Length)
        {
            Fail(ref error, "a quoted name is not closed");
            return null;
        }

        _pos++;
        return name.ToString();
    }

    private PathSegment? ReadNumbers(ref string error)
    {
        var start = _pos;
        while (_pos < text.Length && text[_pos] != ']')
        {
            _pos++;
        }

        var body = text[start.._pos].Replace(" ", "", StringComparison.Ordinal);
        if (body.Contains(':', StringComparison.Ordinal))
        {
            return ReadSlice(body, ref error);
        }

        var indexes = new List<PathSegment>();
        foreach (var part in body.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
            {
                return Fail(ref error, $"'[{body}]' is not an index, a quoted name, '*' or a slice");
            }

            indexes.Add(new IndexSegment(index));
        }

        return indexes.Count == 1 ? indexes[0] : new UnionSegment(indexes);
    }

    private static PathSegment? ReadSlice(string body, ref string error)
    {
        var parts = body.Split(':');
        if (parts.Length > 3)
        {
            return Fail(ref error, $"'[{body}]' is not a slice");
        }

        var values = new int?[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return Fail(ref error, $"'[{body}]' is not a slice");
            }

            values[i] = value;
        }

        var step = values[2] ?? 1;
        return step == 0 ? Fail(ref error, "a slice step cannot be 0") : new SliceSegment(values[0], values[1], step);
    }

    private void SkipSpaces()
    {
        while (_pos < text.Length && text[_pos] == ' ')
        {
            _pos++;
        }
    }
}
