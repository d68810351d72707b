namespace Hakiri.Emulator.Choice;

/// <summary>
/// A StringMatches pattern: <c>*</c> matches any run of characters (none included); <c>\*</c> is a literal asterisk
/// and <c>\\</c> a literal backslash.
/// </summary>
internal sealed class StringPattern
{
    // Literal pieces between the wildcards: "a*b*" → ["a", "b", ""].
    private readonly List<string> _pieces = [];

    public StringPattern(string pattern)
    {
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                current.Append(pattern[++i]);
            }
            else if (pattern[i] == '*')
            {
                _pieces.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(pattern[i]);
            }
        }

        _pieces.Add(current.ToString());
    }

    public bool IsMatch(string text)
    {
        if (_pieces.Count == 1)
        {
            return string.Equals(text, _pieces[0], StringComparison.Ordinal);
        }

        var first = _pieces[0];
        var last = _pieces[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        // Greedy left-to-right placement of the middle pieces is optimal when wildcards separate them.
        var position = first.Length;
        var limit = text.Length - last.Length;
        for (var i = 1; i < _pieces.Count - 1; i++)
        {
            var found = text.IndexOf(_pieces[i], position, limit - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + _pieces[i].Length;
        }

        return true;
    }
}
