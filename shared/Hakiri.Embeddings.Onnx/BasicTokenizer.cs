using System.Globalization;
using System.Text;

namespace Hakiri.Embeddings.Onnx;

/// <summary>
/// BERT's basic tokenization for uncased models: drops control characters, splits on whitespace, lower-cases,
/// strips accents (NFD, then nonspacing marks dropped), splits punctuation off and makes every CJK ideograph a word.
/// </summary>
internal static class BasicTokenizer
{
    /// <summary>Splits <paramref name="text"/> into the words WordPiece then cuts into pieces.</summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in Clean(text).EnumerateRunes())
        {
            if (IsWhitespace(rune))
            {
                Flush(word, words);
            }
            else if (IsPunctuation(rune) || IsCjk(rune.Value))
            {
                Flush(word, words);
                words.Add(rune.ToString());
            }
            else
            {
                word.Append(rune.ToString());
            }
        }

        Flush(word, words);
        return words;
    }

    // Strip accents and lower-case over the whole text first: both keep whitespace and punctuation where they are.
    private static string Clean(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == 0 || rune.Value == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            kept.Append(IsWhitespace(rune) ? " " : rune.ToString());
        }

        // Accents go before lower-casing, as in Hugging Face's tokenizers: "İ" strips to "I", then lower-cases to "i".
        var stripped = new StringBuilder(kept.Length);
        foreach (var rune in kept.ToString().EnumerateRunes())
        {
            AccentStripper.Append(rune, stripped);
        }

        return stripped.ToString().ToLowerInvariant();
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }

    // As Hugging Face's tokenizers: Unicode White_Space (Zs, line and paragraph separators) besides tab and line breaks.
    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        // Hugging Face's tokenizers (which sentence-transformers runs) drop every "other" character: Cc, Cf, Cn, Co, Cs.
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    // BERT counts every non-alphanumeric ASCII character as punctuation (^, $, `), plus the Unicode P* categories.
    private static bool IsPunctuation(Rune rune)
    {
        var c = rune.Value;
        if (c is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
