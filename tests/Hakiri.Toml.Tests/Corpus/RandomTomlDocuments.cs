using System.Globalization;
using System.Text;

namespace Hakiri.Toml.Tests.Corpus;

/// <summary>Generates valid TOML 1.0 documents from a seed, using every value syntax, for cross-checking with another parser.</summary>
internal static class RandomTomlDocuments
{
    public static string Generate(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        var keys = 0;
        string Key() => random.Next(4) switch
        {
            0 => $"\"quoted key {keys++} \\u00E9\"",
            1 => $"'lit.{keys++}'",
            _ => $"k{keys++}",
        };

        for (var i = random.Next(2, 6); i > 0; i--)
        {
            sb.Append(Key()).Append(" = ").Append(Value(random, 0)).Append('\n');
        }

        sb.Append($"dotted.{Key()}.x = {Value(random, 0)}\n");
        for (var t = random.Next(1, 4); t > 0; t--)
        {
            var aot = random.Next(3) == 0;
            var header = $"table{t}.{Key()}";
            for (var repeat = aot ? random.Next(1, 3) : 1; repeat > 0; repeat--)
            {
                sb.Append(aot ? $"\n[[{header}]]  # array element\n" : $"\n[ {header} ]\n");
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    sb.Append("  ").Append(Key()).Append('=').Append(Value(random, 0)).Append(" # note\n");
                }
            }
        }

        return sb.ToString();
    }

    private static string Value(Random random, int depth) => random.Next(depth < 2 ? 12 : 10) switch
    {
        0 => Integer(random),
        1 => Float(random),
        2 => random.Next(2) == 0 ? "true" : "false",
        3 => BasicString(random),
        4 => $"'lit {random.Next()} \\ \"x\"'",
        5 => $"\"\"\"\nline one\\n\\\n   continued \"quoted\" {random.Next()}\"\"\"",
        6 => $"'''\nraw \\ {random.Next()}\n'''",
        7 => DateTime(random),
        8 => random.Next(2) == 0 ? "inf" : "-nan",
        9 => $"{random.Next(10000):0000}-{random.Next(1, 13):00}-{random.Next(1, 29):00}",
        10 => Array(random, depth),
        _ => "{ " + string.Join(", ", Enumerable.Range(0, random.Next(0, 3)).Select(i => $"i{i}.v = {Value(random, depth + 1)}")) + " }",
    };

    private static string Array(Random random, int depth)
    {
        var items = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1)).ToList();
        var trailingComma = items.Count > 0 && random.Next(2) == 0;
        return "[ " + string.Join(", ", items) + (trailingComma ? ", # trailing\n ]" : " ]");
    }

    private static string Integer(Random random)
    {
        var value = random.NextInt64(long.MinValue, long.MaxValue);
        return random.Next(5) switch
        {
            0 => $"0x{Math.Abs(value % 0xFFFFFF):X}",
            1 => "0o" + Convert.ToString(Math.Abs(value % 4096), 8),
            2 => "0b" + Convert.ToString(Math.Abs(value % 256), 2),
            3 => "1_000_" + random.Next(100, 1000),
            _ => value.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Float(Random random) => random.Next(3) switch
    {
        0 => $"{random.Next(-1000, 1000)}.{random.Next(0, 1000):000}",
        1 => $"{random.Next(1, 10)}e{random.Next(-300, 300)}",
        _ => $"-{random.Next(0, 9)}.5_5E+0{random.Next(0, 9)}",
    };

    private static string BasicString(Random random)
    {
        string[] pieces = ["plain", "tab\\t", "quote\\\"", "back\\\\slash", "\\u00FC", "\\U0001F600", "日本", "é", " ", "#not-a-comment"];
        return "\"" + string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)])) + "\"";
    }

    private static string DateTime(Random random)
    {
        var date = $"{random.Next(1, 10000):0000}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";
        var time = $"{random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}" + (random.Next(2) == 0 ? $".{random.Next(1, 999999)}" : "");
        var offset = random.Next(4) switch
        {
            0 => "Z",
            1 => "z",
            2 => $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(24):00}:{random.Next(60):00}",
            _ => "",
        };
        return random.Next(4) switch
        {
            0 => time,
            1 => $"{date} {time}{offset}",
            _ => $"{date}{(random.Next(2) == 0 ? 'T' : 't')}{time}{offset}",
        };
    }
}
