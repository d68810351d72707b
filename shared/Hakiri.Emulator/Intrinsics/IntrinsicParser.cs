using System.Text;
using System.Text.Json.Nodes;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Intrinsics;

/// <summary>Parses an intrinsic function invocation, checking the function names and argument counts.</summary>
internal sealed class IntrinsicParser
{
    private const int MaxNesting = 10;
    private readonly string _text;
    private int _pos;

    private IntrinsicParser(string text) => _text = text;

    /// <summary>True when a string is meant as an intrinsic call rather than a path.</summary>
    public static bool LooksLikeCall(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Parses a whole invocation; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, out IntrinsicCall call, out string error)
    {
        var parser = new IntrinsicParser(text);
        try
        {
            call = parser.ReadCall(1);
            parser.SkipSpaces();
            if (parser._pos != text.Length)
            {
                throw new FormatException($"unexpected text after the call at position {parser._pos + 1}");
            }

            error = "";
            return true;
        }
        catch (FormatException e)
        {
            call = new IntrinsicCall("", []);
            error = e.Message;
            return false;
        }
    }

    private IntrinsicCall ReadCall(int depth)
    {
        if (depth > MaxNesting)
        {
            throw new FormatException($"intrinsic functions can be nested at most {MaxNesting} deep");
        }

        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        var name = _text[start.._pos];
        if (!IntrinsicFunctions.TryGetArity(name, out var minArgs, out var maxArgs))
        {
            throw new FormatException($"'{name}' is not an intrinsic function");
        }

        Expect('(');
        var args = new List<IntrinsicArgument>();
        SkipSpaces();
        if (Peek() == ')')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                args.Add(ReadArgument(depth));
                SkipSpaces();
                var c = Peek();
                _pos++;
                if (c == ')')
                {
                    break;
                }

                if (c != ',')
                {
                    throw new FormatException($"expected ',' or ')' at position {_pos}");
                }
            }
        }

        if (args.Count < minArgs || args.Count > maxArgs)
        {
            var expected = minArgs == maxArgs ? $"{minArgs}" : maxArgs == int.MaxValue ? $"at least {minArgs}" : $"{minArgs} to {maxArgs}";
            throw new FormatException($"{name} takes {expected} argument(s), not {args.Count}");
        }

        return new IntrinsicCall(name, args);
    }

    private IntrinsicArgument ReadArgument(int depth)
    {
        SkipSpaces();
        var c = Peek();
        if (c == '\'')
        {
            return ReadString();
        }

        if (c == '$')
        {
            return ReadPath();
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        foreach (var (word, value) in new (string, JsonNode?)[] { ("true", JsonValue.Create(true)), ("false", JsonValue.Create(false)), ("null", null) })
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0)
            {
                _pos += word.Length;
                return new LiteralArgument(value, null);
            }
        }

        if (string.CompareOrdinal(_text, _pos, "States.", 0, 7) == 0)
        {
            return ReadCall(depth + 1);
        }

        throw new FormatException($"unexpected '{c}' at position {_pos + 1}: an argument is a 'string', a number, a path or a call");
    }

    private LiteralArgument ReadString()
    {
        var start = ++_pos;
        var value = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != '\'')
        {
            if (_text[_pos] == '\\')
            {
                var next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
                if (next is not ('\'' or '{' or '}' or '\\'))
                {
                    throw new FormatException($"an open escape '\\' at position {_pos + 1}: only \\', \\{{, \\}} and \\\\ are escapes");
                }

                _pos++;
            }

            value.Append(_text[_pos++]);
        }

        if (_pos >= _text.Length)
        {
            throw new FormatException("a string literal is not closed");
        }

        var raw = _text[start.._pos];
        _pos++;
        return new LiteralArgument(JsonValue.Create(value.ToString()), raw);
    }

    private PathArgument ReadPath()
    {
        var start = _pos;
        var depth = 0;
        char quote = '\0';
        for (; _pos < _text.Length; _pos++)
        {
            var c = _text[_pos];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"' && depth > 0)
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0 && c is ',' or ')')
            {
                break;
            }
        }

        var text = _text[start.._pos].TrimEnd();
        return JsonPath.TryParse(text, out var path, out var problem)
            ? new PathArgument(path)
            : throw new FormatException($"'{text}' is not a valid path: {problem}");
    }

    private LiteralArgument ReadNumber()
    {
        var start = _pos++;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' or '+' or '-'))
        {
            _pos++;
        }

        var text = _text[start.._pos];
        try
        {
            var node = JsonText.Parse(text);
            return node is JsonValue ? new LiteralArgument(node, null) : throw new FormatException();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new FormatException($"'{text}' is not a number");
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c)
        {
            throw new FormatException($"expected '{c}' at position {_pos + 1}");
        }

        _pos++;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }
}
