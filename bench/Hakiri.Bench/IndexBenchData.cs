using System.Globalization;
using System.Text;
using Hakiri.DuckDb;

/// <summary>
/// Synthetic support tickets for the index benchmark: an English-like vocabulary of ~5,000 words drawn with a Zipf-like
/// distribution (about 2% of the words carry non-ASCII letters), nested account objects, tags, some nulls. Seeded, so a
/// figure can be reproduced.
/// </summary>
internal sealed class IndexBenchData
{
    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cl", "st", "tr", "sh", "pl", "gr"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ea", "ou", "io"];
    private static readonly string[] Codas = ["", "n", "r", "s", "t", "l", "nd", "ck", "st", "ng"];
    private static readonly string[] Accented = ["é", "ü", "ø", "ñ", "å", "ç", "ß", "ō"];
    private static readonly string[] Statuses = ["open", "pending", "closed"];
    private static readonly string[] Tiers = ["gold", "silver", "bronze"];
    private static readonly string[] TagNames = ["billing", "login", "export", "mobile", "api", "refund", "outage", "sso", "invoice", "bug"];

    private readonly double[] _cumulative;

    public IndexBenchData(int seed = 14, int words = 5_000)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var vocabulary = new List<string>(words);
        while (vocabulary.Count < words)
        {
            var word = new StringBuilder();
            var syllables = 1 + random.Next(3);
            for (var s = 0; s < syllables; s++)
            {
                word.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]).Append(Codas[random.Next(Codas.Length)]);
            }

            if (random.NextDouble() < 0.02)
            {
                word.Insert(random.Next(word.Length), Accented[random.Next(Accented.Length)]);
            }

            if (word.Length >= 3 && seen.Add(word.ToString()))
            {
                vocabulary.Add(word.ToString());
            }
        }

        Vocabulary = vocabulary;
        _cumulative = new double[words];
        var total = 0.0;
        for (var i = 0; i < words; i++)
        {
            total += 1.0 / Math.Pow(i + 1, 1.05);
            _cumulative[i] = total;
        }

        for (var i = 0; i < words; i++)
        {
            _cumulative[i] /= total;
        }
    }

    /// <summary>The words, most frequent first.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Writes <paramref name="rows"/> tickets as NDJSON; the same seed gives the same file.</summary>
    public void WriteTickets(string path, long rows, int seed = 7)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder(1024);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (long i = 0; i < rows; i++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"title\":");
            AppendText(line, random, 6, nullChance: 0.005);
            line.Append(",\"body\":");
            AppendText(line, random, 60, nullChance: 0.01);
            var account = random.Next(50_000);
            line.Append(CultureInfo.InvariantCulture,
                $",\"account\":{{\"id\":\"a-{account}\",\"tier\":\"{Tiers[account % 3]}\",\"at_risk\":{(account % 7 == 0 ? "true" : "false")}}},\"tags\":[");
            var tags = random.Next(4);
            for (var t = 0; t < tags; t++)
            {
                line.Append(t == 0 ? "\"" : ",\"").Append(TagNames[random.Next(TagNames.Length)]).Append('"');
            }

            var created = start.AddSeconds(i * 30 + random.Next(30)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            line.Append(CultureInfo.InvariantCulture,
                $"],\"status\":\"{Statuses[random.Next(3)]}\",\"priority\":{1 + random.Next(4)},\"created_at\":\"{created}\"}}\n");
            writer.Write(line);
        }
    }

    /// <summary>
    /// Writes <paramref name="rows"/> tickets with a 384-float <c>embedding</c> to Parquet: 64 clusters of 16 sub-clusters
    /// each plus per-row noise, computed by DuckDB from hashes (deterministic). Row groups of 10,000 rows: one group
    /// of 100,000 such rows (DuckDB's default size) does not fit `hakiri run`'s default 192 MB DuckDB memory limit.
    /// </summary>
    public void WriteEmbeddedTickets(string parquet, long rows, int dimensions = 384)
    {
        var ndjson = Path.ChangeExtension(parquet, ".ndjson.tmp");
        WriteTickets(ndjson, rows, seed: 8);
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var component = "((hash({0}) % 20000)::DOUBLE / 10000.0 - 1.0)";
        var center = string.Format(CultureInfo.InvariantCulture, component, "cl * 1000 + j");
        var sub = string.Format(CultureInfo.InvariantCulture, component, "100000000 + sc * 1000 + j");
        var noise = string.Format(CultureInfo.InvariantCulture, component, "1000000000 + id * 1000 + j");
        connection.Execute($"""
            COPY (
              SELECT * EXCLUDE (cl, sc),
                     CAST(list_transform(range({dimensions}), j -> {center} + 0.6 * {sub} + 0.35 * {noise}) AS FLOAT[]) AS embedding
              FROM (SELECT *, hash(id) % 64 AS cl, (hash(id) % 64) * 16 + hash(id + 7) % 16 AS sc
                    FROM read_json('{ndjson}', format = 'newline_delimited'))
            ) TO '{parquet}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10000)
            """);
        File.Delete(ndjson);
    }

    private void AppendText(StringBuilder line, Random random, int words, double nullChance)
    {
        if (random.NextDouble() < nullChance)
        {
            line.Append("null");
            return;
        }

        line.Append('"');
        var count = Math.Max(2, words - words / 4 + random.Next(words / 2 + 1));
        for (var w = 0; w < count; w++)
        {
            if (w > 0)
            {
                line.Append(' ');
            }

            line.Append(Word(random));
        }

        line.Append('"');
    }

    private string Word(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Vocabulary[Math.Min(index < 0 ? ~index : index, Vocabulary.Count - 1)];
    }
}
