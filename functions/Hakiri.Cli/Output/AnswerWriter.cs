using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hakiri.Cli.Output;

/// <summary>Writes a <c>context.query</c> answer (rows as JSON objects, with its <c>search</c> object) as a text table, CSV or the JSON itself.</summary>
internal static class AnswerWriter
{
    public static void Write(JsonElement answer, string format, TextWriter output)
    {
        if (format == "json")
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                answer.WriteTo(json);
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        var names = answer.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        var rows = answer.GetProperty("rows").EnumerateArray()
            .Select(row => names.Select(n => row.TryGetProperty(n, out var v) ? Text(v) : null).ToArray())
            .ToList();
        if (format == "csv")
        {
            output.WriteLine(string.Join(',', names.Select(Csv)));
            foreach (var row in rows)
            {
                output.WriteLine(string.Join(',', row.Select(v => v is null ? string.Empty : Csv(v))));
            }

            return;
        }

        var widths = names.Select((n, i) => Math.Max(n.Length, rows.Count == 0 ? 0 : rows.Max(r => (r[i] ?? "NULL").Length))).ToArray();
        output.WriteLine(string.Join(" | ", names.Select((n, i) => n.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(" | ", row.Select((v, i) => (v ?? "NULL").PadRight(widths[i]))).TrimEnd());
        }

        var plan = answer.TryGetProperty("search", out var search) ? $"; plan: {search.GetProperty("plan").GetString()}" : string.Empty;
        output.WriteLine($"({rows.Count} row{(rows.Count == 1 ? string.Empty : "s")}{plan})");
        if (answer.TryGetProperty("search", out search) && search.TryGetProperty("notes", out var notes))
        {
            foreach (var note in notes.EnumerateArray())
            {
                output.WriteLine("note: " + note.GetString());
            }
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
