using System.Text;

namespace Hakiri.Toml.Tests;

/// <summary>
/// Mutates valid documents at random (with fixed seeds, so failures reproduce) and checks the parser's one
/// promise about bad input: it either parses or throws <see cref="TomlSyntaxException"/> — never anything else.
/// </summary>
public sealed class TomlParserFuzzTests
{
    private const int MutationsPerSeed = 4_000;

    private static readonly string[] Documents =
    [
        """"
        # A document that touches every construct.
        title = "TOML \"example\" \u00E9 \U0001F600"
        literal = 'C:\path'
        multi = """
        Roses are red \
           violets "are" blue"""
        raw = '''
        first line
        ''quoted'' '''
        ints = [ +99, -17, 0, 1_000, 0xDEAD_beef, 0o755, 0b1101 ]
        floats = [ 3.14, -0.01, 5e+22, 1E06, -2E-2, 6.626e-34, 9_224.617_445, inf, -nan ]
        dates = [ 1979-05-27T07:32:00Z, 1979-05-27T00:32:00.999999-07:00, 1979-05-27 07:32:00, 1979-05-27, 00:32:00.5 ]
        bools = [ true, false ]
        "quoted key".'another' = 1
        nested = [ [ 1, 2 ], [ "a", { x = 1, y.z = [ 2 ] } ], ]

        [servers]
          alpha = { ip = "10.0.0.1", role = "frontend" }

        [servers.beta]
        ip = "10.0.0.2"

        [[products]]
        name = "Hammer"
        sku = 738594937

        [[products]]

        [[products]]
        name = "Nail"
        color = "gray"
        """",
        "a.b.c = 1\na.b.d = 2\n[x.y.z]\n[x]\nw = 3\n[[x.arr]]\nv = 4\n[x.arr.t]\nu = 5\n",
        "k = [\n  # comment\n  1,\n  2, # trailing\n]\nt = {a=1,b={c=2},d=[3,{e=4}]}\n",
        "s1 = \"\\b\\t\\n\\f\\r\\\"\\\\\\u0041\\U0001F600\"\ns2 = \"\"\"\"\"x\"\"\"\"\"\ns3 = '''''y'''''\r\ns4 = \"\"\"a\\\r\n  b\"\"\"\r\n",
        "t1 = 07:32:00\nt2 = 1979-05-27t07:32:00z\nt3 = 2000-02-29T23:59:60+23:59\ni = -9223372036854775808\nf = -0.0\n",
    ];

    private static readonly string[] Fragments =
    [
        "[", "]", "[[", "]]", "{", "}", "=", "\"", "'", "\"\"\"", "'''", "\\", "\\u", "\\U0010FFFF", "#", ".", ",",
        "\n", "\r\n", "\r", "\t", " ", "0", "9", "_", "+", "-", ":", "e", "E", "x", "o", "b", "T", "Z", "t", "z",
        "inf", "nan", "true", "1979-05-27", "07:32:00", ".5", "0x", "\0", "\u007F", "\u00E9", "\uD800", "\uDC00", "\uFEFF",
        "\U0001F600", "a.b", "[a]", "[[a]]", "a = 1", "{}", "[]", "\u3000",
    ];

    [Fact]
    public void Parse_FuzzSeedDocuments_AreValid()
    {
        Assert.All(Documents, d => TomlParser.Parse(d));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Parse_MutatedText_SucceedsOrThrowsTomlSyntaxException(int seed)
    {
        var random = new Random(seed);
        var accepted = 0;
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var input = Mutate(Documents[random.Next(Documents.Length)], random);
            accepted += AssertOnlySyntaxErrors(input, () => TomlParser.Parse(input), seed, i) ? 1 : 0;
        }

        // Both outcomes must be common, or the mutations are not exercising the parser.
        Assert.InRange(accepted, MutationsPerSeed / 20, MutationsPerSeed * 19 / 20);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Parse_MutatedUtf8Bytes_SucceedsOrThrowsTomlSyntaxException(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Documents[random.Next(Documents.Length)]);
            for (var n = random.Next(1, 4); n > 0 && bytes.Length > 0; n--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var input = Encoding.UTF8.GetString(bytes);
            AssertOnlySyntaxErrors(input, () => TomlParser.Parse(bytes), seed, i);
        }
    }

    private static bool AssertOnlySyntaxErrors(string input, Action parse, int seed, int iteration)
    {
        try
        {
            parse();
            return true;
        }
        catch (TomlSyntaxException ex)
        {
            // A position past the document would send a user to a line that does not exist.
            var lines = input.Split('\n').Length;
            Assert.True(ex.Position.Line >= 1 && ex.Position.Line <= lines && ex.Position.Column >= 1,
                $"Seed {seed}, mutation {iteration}: position {ex.Position} is outside the {lines}-line input {Show(input)}");
            return false;
        }
        catch (Exception ex)
        {
            Assert.Fail($"Seed {seed}, mutation {iteration}: {ex.GetType().Name} ({ex.Message}) for input {Show(input)}\n{ex.StackTrace}");
            return false;
        }
    }

    private static string Mutate(string document, Random random)
    {
        var sb = new StringBuilder(document);
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(6))
            {
                case 0 when at < sb.Length:
                    sb.Remove(at, 1);
                    break;
                case 1 when at < sb.Length:
                    sb[at] = Fragments[random.Next(Fragments.Length)][0];
                    break;
                case 2:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 3 when at < sb.Length:
                    sb.Remove(at, random.Next(1, Math.Min(20, sb.Length - at) + 1));
                    break;
                case 4 when at < sb.Length:
                    sb.Insert(random.Next(sb.Length + 1), sb.ToString(at, random.Next(1, Math.Min(30, sb.Length - at) + 1)));
                    break;
                default:
                    sb.Length = at;
                    break;
            }
        }

        return sb.ToString();
    }

    private static string Show(string input) =>
        "\"" + string.Concat(input.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
