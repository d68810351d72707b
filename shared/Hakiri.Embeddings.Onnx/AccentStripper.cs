using System.Globalization;
using System.Text;

namespace Hakiri.Embeddings.Onnx;

/// <summary>
/// BERT's accent stripping (NFD, then nonspacing marks dropped) without ICU: Hakiri runs with invariant globalization,
/// where <see cref="string.Normalize(NormalizationForm)"/> leaves "é" as it is. The decompositions come from
/// <c>accents.txt</c> (generated from the Unicode data, see its header); Hangul syllables are decomposed by rule.
/// </summary>
internal static class AccentStripper
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;
    private const int TrailingCount = 28;
    private const int VowelTrailingCount = 21 * TrailingCount;

    private static readonly Lazy<Dictionary<int, string>> Table = new(Load);

    /// <summary>Appends <paramref name="rune"/> decomposed and without nonspacing marks to <paramref name="output"/>.</summary>
    public static void Append(Rune rune, StringBuilder output)
    {
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
        {
            return;
        }

        var index = rune.Value - HangulBase;
        if (index is >= 0 and < HangulCount)
        {
            output.Append((char)(0x1100 + (index / VowelTrailingCount)));
            output.Append((char)(0x1161 + (index % VowelTrailingCount / TrailingCount)));
            if (index % TrailingCount != 0)
            {
                output.Append((char)(0x11A7 + (index % TrailingCount)));
            }

            return;
        }

        if (rune.Value >= 0xC0 && Table.Value.TryGetValue(rune.Value, out var replacement))
        {
            output.Append(replacement);
            return;
        }

        output.Append(rune.ToString());
    }

    private static Dictionary<int, string> Load()
    {
        using var stream = typeof(AccentStripper).Assembly.GetManifestResourceStream("Hakiri.Embeddings.Onnx.accents.txt")
            ?? throw new InvalidOperationException("The accents table is not embedded in Hakiri.Embeddings.Onnx.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ');
            var text = new StringBuilder();
            foreach (var part in parts.AsSpan(1))
            {
                text.Append(char.ConvertFromUtf32(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table[int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = text.ToString();
        }

        return table;
    }
}
