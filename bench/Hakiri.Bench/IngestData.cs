using System.Globalization;
using System.Text;

/// <summary>
/// The ingest benchmark's input files. <c>nested</c> is NDJSON shaped like an order export: a customer object with an
/// address, a list of line items, a list of tags, nulls and non-ASCII names and notes. <c>flat</c> is ten scalar
/// columns with nulls and non-ASCII text, written as NDJSON or CSV. An upsert file holds every tenth id again, changed.
/// </summary>
internal static class IngestData
{
    private static readonly string[] Countries = ["NO", "JP", "GH", "ES", "BR", "CA"];
    private static readonly string[] Cities = ["Tromsø", "大阪", "Kumasi", "A Coruña", "São Paulo", "Montréal"];
    private static readonly string[] Names = ["Åsa Ødegård", "山田 太郎", "Kwame Mensah", "Begoña Núñez", "João Conceição", "Chloé Lévesque"];
    private static readonly string[] Statuses = ["pending", "shipped", "refunded", "cancelled"];
    private static readonly string[] Tags = ["gift", "rush", "fragile", "b2b", "repeat"];

    /// <summary>Writes <paramref name="rows"/> records; with <paramref name="upsert"/>, every tenth id with a new status and amount.</summary>
    public static void Write(string path, long rows, string shape, string format, bool upsert)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        if (format == "csv")
        {
            writer.Write("id,customer,country,amount,quantity,discount,status,created_at,is_gift,note\n");
        }

        var line = new StringBuilder(512);
        for (long i = upsert ? 3 : 0; i < rows; i += upsert ? 10 : 1)
        {
            line.Clear();
            var version = upsert ? 1 : 0;
            if (shape == "nested")
            {
                Nested(line, i, version);
            }
            else if (format == "csv")
            {
                FlatCsv(line, i, version);
            }
            else
            {
                FlatJson(line, i, version);
            }

            writer.Write(line);
        }
    }

    private static string Amount(long i, int version) => ((i % 100_000 + version * 7) / 100.0).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Created(long i) =>
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Status(long i, int version) => Statuses[(i + version) % Statuses.Length];

    private static void Nested(StringBuilder line, long i, int version)
    {
        var c = i % Countries.Length;
        line.Append(CultureInfo.InvariantCulture,
            $"{{\"id\":{i},\"customer\":{{\"id\":\"c-{i % 50_000}\",\"name\":\"{Names[c]}\",\"address\":{{\"city\":\"{Cities[c]}\",\"country\":\"{Countries[c]}\",\"postcode\":");
        line.Append(i % 7 == 0 ? "null" : $"\"{i % 9000 + 1000}\"").Append("}},\"items\":[");
        for (var n = 0; n <= i % 3; n++)
        {
            line.Append(n == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"sku\":\"sku-{(i + n) % 5000}\",\"qty\":{n + 1},\"price\":{((i + n) % 9000 / 100.0).ToString("0.00", CultureInfo.InvariantCulture)}}}");
        }

        line.Append("],\"tags\":[");
        for (var n = 0; n < i % 3; n++)
        {
            line.Append(n == 0 ? string.Empty : ",").Append('"').Append(Tags[(i + n) % Tags.Length]).Append('"');
        }

        line.Append(CultureInfo.InvariantCulture,
            $"],\"amount\":{Amount(i, version)},\"status\":\"{Status(i, version)}\",\"created_at\":\"{Created(i)}\",\"is_gift\":{(i % 11 == 0 ? "true" : "false")},\"note\":");
        line.Append(i % 4 == 0 ? "null" : $"\"Commande {i} — livrée à {Cities[c]} ✓\"").Append("}\n");
    }

    private static void FlatJson(StringBuilder line, long i, int version)
    {
        var c = i % Countries.Length;
        line.Append(CultureInfo.InvariantCulture,
            $"{{\"id\":{i},\"customer\":\"{Names[c]}\",\"country\":\"{Countries[c]}\",\"amount\":{Amount(i, version)},\"quantity\":{i % 9 + 1},\"discount\":");
        line.Append(i % 5 == 0 ? "null" : (i % 30 / 100.0).ToString("0.00", CultureInfo.InvariantCulture));
        line.Append(CultureInfo.InvariantCulture, $",\"status\":\"{Status(i, version)}\",\"created_at\":\"{Created(i)}\",\"is_gift\":{(i % 11 == 0 ? "true" : "false")},\"note\":");
        line.Append(i % 4 == 0 ? "null" : $"\"Commande {i} — {Cities[c]}\"").Append("}\n");
    }

    private static void FlatCsv(StringBuilder line, long i, int version)
    {
        var c = i % Countries.Length;
        var discount = i % 5 == 0 ? string.Empty : (i % 30 / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
        var note = i % 4 == 0 ? string.Empty : $"\"Commande {i}, {Cities[c]}\"";
        line.Append(CultureInfo.InvariantCulture,
            $"{i},{Names[c]},{Countries[c]},{Amount(i, version)},{i % 9 + 1},{discount},{Status(i, version)},{Created(i)},{(i % 11 == 0 ? "true" : "false")},{note}\n");
    }
}
