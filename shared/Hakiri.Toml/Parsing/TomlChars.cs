namespace Hakiri.Toml.Parsing;

/// <summary>Character classes of the TOML grammar, and how to name a character in a message.</summary>
internal static class TomlChars
{
    /// <summary>The value <see cref="TomlScanner.Peek()"/> returns past the last character.</summary>
    public const int EndOfInput = -1;

    public static bool IsDigit(int c) => (uint)(c - '0') <= 9;

    public static bool IsHexDigit(int c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    public static bool IsLetter(int c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsBareKeyChar(int c) => IsLetter(c) || IsDigit(c) || c is '_' or '-';

    public static bool IsWhitespace(int c) => c is ' ' or '\t';

    /// <summary>Characters that may run on inside a bare value (number, boolean, inf, nan) once it has started.</summary>
    public static bool IsBareValueChar(int c) => IsBareKeyChar(c) || c is '+' or '.';

    /// <summary>Control characters TOML forbids outright in comments and strings (tab is the one exception; newlines are handled by the caller).</summary>
    public static bool IsForbiddenControl(int c) => c is (>= 0 and < 0x20 and not '\t') or 0x7F;

    /// <summary>Names a character for an error message, so invisible ones are still readable.</summary>
    public static string Describe(int c) => c switch
    {
        EndOfInput => "the end of the document",
        '\n' => "a newline",
        '\r' => "a carriage return",
        '\t' => "a tab",
        ' ' => "a space",
        '\'' => "\"'\"",
        _ when c < 0x20 || c == 0x7F || char.IsSurrogate((char)c) || c == 0xFEFF || char.IsWhiteSpace((char)c)
            => $"the character U+{c:X4}",
        _ => $"'{(char)c}'",
    };
}
