using System.Text;

namespace Hakiri.Toml.Parsing;

/// <summary>
/// A cursor over the document that knows its line and column, and reads the trivia between tokens
/// (whitespace, comments, newlines). The readers for strings, numbers, keys and values share one.
/// </summary>
internal sealed class TomlScanner
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public TomlScanner(string text)
    {
        _text = text;

        // A byte order mark is tolerated only as the very first character; anywhere else it is an error.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    public string Text => _text;

    public int Offset => _pos;

    public bool AtEnd => _pos >= _text.Length;

    /// <summary>A scratch buffer for decoding strings that contain escapes or CRLF line ends.</summary>
    public StringBuilder Buffer { get; } = new();

    /// <summary>The parts of the key being read; reused because every key is consumed before the next is read.</summary>
    public List<TomlKeyPart> KeyParts { get; } = [];

    public TomlPosition Position => new(_line, _pos - _lineStart + 1);

    /// <summary>The position of an earlier offset on the current line.</summary>
    public TomlPosition PositionOf(int offset) => new(_line, offset - _lineStart + 1);

    public int Peek() => _pos < _text.Length ? _text[_pos] : TomlChars.EndOfInput;

    public int Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : TomlChars.EndOfInput;

    public void Advance(int count = 1) => _pos += count;

    /// <summary>Moves past a character that is not a line end, checking that a surrogate is half of a pair.</summary>
    public void AdvanceChecked(int c)
    {
        if (char.IsHighSurrogate((char)c) && char.IsLowSurrogate((char)Peek(1)))
        {
            _pos += 2;
            return;
        }

        if (char.IsSurrogate((char)c))
        {
            throw Error($"The text contains an unpaired UTF-16 surrogate ({TomlChars.Describe(c)}), which is not valid Unicode.");
        }

        _pos++;
    }

    public TomlSyntaxException Error(string reason) => new(reason, Position);

    public static TomlSyntaxException Error(string reason, TomlPosition position) => new(reason, position);

    public void SkipWhitespace()
    {
        while (_pos < _text.Length && TomlChars.IsWhitespace(_text[_pos]))
        {
            _pos++;
        }
    }

    /// <summary>Consumes LF or CRLF if one is next; a CR not followed by LF is an error.</summary>
    public bool TryConsumeNewline()
    {
        var c = Peek();
        if (c == '\n')
        {
            NewLine(_pos + 1);
            return true;
        }

        if (c == '\r')
        {
            if (Peek(1) != '\n')
            {
                throw Error("A carriage return must be followed by a line feed; bare CR is not a TOML line ending.");
            }

            NewLine(_pos + 2);
            return true;
        }

        return false;
    }

    /// <summary>Moves to <paramref name="next"/>, the offset just after a line end.</summary>
    public void NewLine(int next)
    {
        _pos = next;
        _line++;
        _lineStart = next;
    }

    /// <summary>Skips a comment up to (not including) its line end, rejecting control characters in it.</summary>
    public void SkipComment()
    {
        _pos++;
        while (_pos < _text.Length)
        {
            int c = _text[_pos];
            if (c is '\n' or '\r')
            {
                return;
            }

            if (TomlChars.IsForbiddenControl(c))
            {
                throw Error($"Comments may not contain control characters, but this one contains {TomlChars.Describe(c)}.");
            }

            AdvanceChecked(c);
        }
    }

    /// <summary>Skips whitespace and newlines, as a line-ending backslash in a multi-line string does.</summary>
    public void SkipWhitespaceAndNewlines()
    {
        do
        {
            SkipWhitespace();
        }
        while (TryConsumeNewline());
    }

    /// <summary>Skips whitespace, comments and newlines: the trivia allowed between array elements.</summary>
    public void SkipTrivia()
    {
        while (true)
        {
            SkipWhitespace();
            var c = Peek();
            if (c == '#')
            {
                SkipComment();
            }
            else if (!TryConsumeNewline())
            {
                return;
            }
        }
    }

    /// <summary>
    /// Moves to the next line if nothing but whitespace and a comment is left on this one; otherwise stays on
    /// the offending character and returns false, so the caller can say what it had just read.
    /// </summary>
    public bool TryEndLine()
    {
        SkipWhitespace();
        if (Peek() == '#')
        {
            SkipComment();
        }

        return AtEnd || TryConsumeNewline();
    }

    /// <summary>The error for a line that goes on after <paramref name="after"/>.</summary>
    public TomlSyntaxException EndOfLineError(string after) =>
        Error($"Expected the end of the line after {after}, but found {TomlChars.Describe(Peek())}.");
}

/// <summary>One part of a possibly dotted key, with where it was written.</summary>
internal readonly record struct TomlKeyPart(string Name, TomlPosition Position);
