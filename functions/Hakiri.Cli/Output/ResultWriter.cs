using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hakiri.DuckDb;

namespace Hakiri.Cli.Output;

/// <summary>Writes a query result as an aligned text table, CSV (RFC 4180) or a JSON array of objects.</summary>
internal static class ResultWriter
{
    public static long Write(DuckDbReader reader, string format, TextWriter output) => format switch
    {
        "csv" => WriteCsv(reader, output),
        "json" => WriteJson(reader, output),
        _ => WriteTable(reader, output),
    };

    private static long WriteTable(DuckDbReader reader, TextWriter output)
    {
        var names = reader.Columns.Select(c => c.Name).ToArray();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, names.Length).Select(i => Text(reader, i) ?? "NULL").ToArray());
        }

        var widths = names.Select((n, i) => Math.Max(n.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join(" | ", names.Select((n, i) => n.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(" | ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine($"({rows.Count} row{(rows.Count == 1 ? string.Empty : "s")})");
        return rows.Count;
    }

    private static long WriteCsv(DuckDbReader reader, TextWriter output)
    {
        output.WriteLine(string.Join(',', reader.Columns.Select(c => Csv(c.Name))));
        long count = 0;
        while (reader.Read())
        {
            output.WriteLine(string.Join(',', Enumerable.Range(0, reader.Columns.Count).Select(i => Text(reader, i) is { } v ? Csv(v) : string.Empty)));
            count++;
        }

        return count;
    }

    private static long WriteJson(DuckDbReader reader, TextWriter output)
    {
        using var stream = new MemoryStream();
        long count = 0;
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            while (reader.Read())
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.Columns.Count; i++)
                {
                    json.WritePropertyName(reader.Columns[i].Name);
                    DuckDbJson.Write(json, reader.IsNull(i) ? null : reader.GetValueOrText(i));
                }

                json.WriteEndObject();
                count++;
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        return count;
    }

    private static string? Text(DuckDbReader reader, int i) => reader.IsNull(i) ? null : DuckDbJson.Text(reader.GetValueOrText(i)!);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
