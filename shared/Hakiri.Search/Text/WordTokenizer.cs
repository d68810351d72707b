using System.Globalization;
using System.Text;

namespace Hakiri.Search.Text;

/// <summary>
/// Splits text into words on Unicode word boundaries (a practical subset of UAX #29): runs of letters and digits in any
/// script, an apostrophe or full stop inside a word ("don't", "u.s.a"), a full stop or comma inside a number ("3.14",
/// "1,000"); CJK ideographs and hiragana are one word each; everything else separates words.
/// </summary>
public static class WordTokenizer
{
    private enum Kind
    {
        Other,
        Letter,
        Digit,
        Joiner,
        Ideograph,
    }

    /// <summary>The words of <paramref name="text"/> in order, as written (not lower-cased).</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length)
        {
            var (kind, width) = Classify(text, i);
            if (kind == Kind.Ideograph)
            {
                yield return text.Substring(i, width);
                i += width;
                continue;
            }

            if (kind is not (Kind.Letter or Kind.Digit))
            {
                i += width;
                continue;
            }

            var end = WordEnd(text, i + width, kind);
            yield return text[i..end];
            i = end;
        }
    }

    private static int WordEnd(string text, int j, Kind last)
    {
        while (j < text.Length)
        {
            var (kind, width) = Classify(text, j);
            if (kind is Kind.Letter or Kind.Digit)
            {
                last = kind;
                j += width;
                continue;
            }

            if (kind == Kind.Joiner)
            {
                j += width;
                continue;
            }

            if (kind == Kind.Other && j + 1 < text.Length && JoinsAcross(text[j], last, Classify(text, j + 1).Kind))
            {
                j++;
                continue;
            }

            break;
        }

        return j;
    }

    // UAX #29 WB6/7 (MidLetter, MidNumLet between letters) and WB11/12 (MidNum, MidNumLet between digits).
    private static bool JoinsAcross(char middle, Kind before, Kind after) => before == after && (before == Kind.Letter
        ? middle is '\'' or '\u2019' or '.' or '\u00B7' or '\uFF07'
        : before == Kind.Digit && middle is '.' or ',' or ';' or '\'' or '\u2019' or '\uFF0C' or '\uFF0E');

    private static (Kind Kind, int Width) Classify(string text, int index)
    {
        if (!Rune.TryGetRuneAt(text, index, out var rune))
        {
            return (Kind.Other, 1);
        }

        var value = rune.Value;
        if (value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x3040 and <= 0x309F
            or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x2FFFF)
        {
            return (Kind.Ideograph, rune.Utf16SequenceLength);
        }

        var kind = Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Kind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Kind.Digit,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format or UnicodeCategory.ConnectorPunctuation => Kind.Joiner,
            _ => Kind.Other,
        };
        return (kind, rune.Utf16SequenceLength);
    }
}
