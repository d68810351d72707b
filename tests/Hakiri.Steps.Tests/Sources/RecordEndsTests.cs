using System.Text;
using Hakiri.Steps.Sources;

namespace Hakiri.Steps.Tests.Sources;

public class RecordEndsTests
{
    // What the vectorised pass must agree with: every line break counted, unless one is followed by a blank line's
    // start, or (CSV) the buffer holds a quote.
    private static long? LineByLine(byte[] chunk, bool csv)
    {
        if (csv && chunk.Contains((byte)'"'))
        {
            return null;
        }

        long count = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            if (chunk[i] != (byte)'\n')
            {
                continue;
            }

            count++;
            if (i + 1 < chunk.Length && (chunk[i + 1] is (byte)'\n' or (byte)'\r' || (!csv && chunk[i + 1] is (byte)' ' or (byte)'\t')))
            {
                return null;
            }
        }

        return count;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Count_AgreesWithALineByLineReading_AtEveryLengthAndPosition(bool csv)
    {
        var random = new Random(17);
        byte[] alphabet = "ab{}:,ø\n\n\n \t\r\""u8.ToArray();
        var plain = 0;
        for (var round = 0; round < 20_000; round++)
        {
            // Mostly ordinary lines, sometimes one odd byte, at lengths around the 16- and 32-byte vector widths.
            var chunk = new byte[random.Next(0, 160)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = i % 7 == 6 ? (byte)'\n' : (byte)'a';
            }

            for (var odd = random.Next(0, 3); odd > 0 && chunk.Length > 0; odd--)
            {
                chunk[random.Next(chunk.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var expected = LineByLine(chunk, csv);
            plain += expected is null ? 0 : 1;
            Assert.True(expected == RecordEnds.Count(chunk, csv), $"{(csv ? "csv" : "ndjson")} {Encoding.UTF8.GetString(chunk).ReplaceLineEndings("⏎")}: expected {expected}");
        }

        // Both outcomes were tried many times.
        Assert.InRange(plain, 1_000, 19_000);
    }

    [Fact]
    public void Count_CrlfCsvIsPlain_NdjsonLineStartingWithSpaceIsNot()
    {
        Assert.Equal(40, RecordEnds.Count(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1,Zoë,x\r\n", 40))), csv: true));
        Assert.Null(RecordEnds.Count(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\": 1}\n", 40)) + " {\"a\": 2}\n"), csv: false));
        Assert.Null(RecordEnds.Count(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1,x\n", 40)) + "2,\"y\"\n"), csv: true));
    }

    [Fact]
    public void Boundaries_GiveTheFirstRangeMost_AndEachLaterOneLess()
    {
        Assert.Empty(TextRanges.Boundaries(1000, 1));
        var two = TextRanges.Boundaries(1_000_000, 2);
        Assert.InRange(two[0], 530_000, 550_000);

        var four = TextRanges.Boundaries(1_000_000, 4);
        var sizes = four.Append(1_000_000).Zip(four.Prepend(0), (end, start) => end - start).ToArray();
        Assert.Equal(4, sizes.Length);
        Assert.True(sizes.Zip(sizes.Skip(1)).All(pair => pair.First > pair.Second), string.Join(", ", sizes));
        Assert.InRange(sizes[^1], 150_000, 250_000);
    }
}
