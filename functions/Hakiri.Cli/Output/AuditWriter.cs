using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hakiri.Audit;

namespace Hakiri.Cli.Output;

/// <summary>Prints the audit log's answer as an aligned table, CSV or a JSON array.</summary>
internal static class AuditWriter
{
    private static readonly string[] Columns = ["time", "agent", "host", "on_behalf_of", "task_id", "token_id", "tool", "tables", "rows", "keys", "keys_complete", "read"];

    public static void Write(IReadOnlyList<AuditEntry> entries, AuditQuery query, string format, TextWriter output)
    {
        var rows = entries.Select(e => Row(e, query)).ToArray();
        switch (format)
        {
            case "json":
                WriteJson(rows, output);
                break;
            case "csv":
                output.WriteLine(string.Join(',', Columns));
                foreach (var row in rows)
                {
                    output.WriteLine(string.Join(',', row.Select(Csv)));
                }

                break;
            default:
                WriteTable(rows, output);
                var plural = rows.Length == 1 ? string.Empty : "s";
                output.WriteLine(rows.Length == query.Limit ? $"({rows.Length} read{plural}, the newest; raise --limit to see more)" : $"({rows.Length} read{plural})");
                if (entries.Any(e => e.Match == AuditMatch.MayHaveRead))
                {
                    output.WriteLine($"'may have read': the read touched {query.Table} without naming every key it returned (an aggregate or a column list), so it may have read {query.Key}.");
                }

                break;
        }
    }

    // The keys column: the asked key when this read returned it, else how many keys the read named.
    private static string[] Row(AuditEntry e, AuditQuery query) =>
    [
        e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        e.Subject?.Agent ?? "",
        e.Subject?.Host ?? "",
        e.Subject?.OnBehalfOf ?? "",
        e.Subject?.TaskId ?? "",
        e.TokenId ?? "",
        e.Tool,
        string.Join(' ', e.Tables),
        e.RowCount.ToString(CultureInfo.InvariantCulture),
        query.Key is null ? e.KeyCount.ToString(CultureInfo.InvariantCulture) : string.Join(' ', e.MatchedKeys.Select(k => k.Key)),
        e.KeysComplete ? "true" : "false",
        e.Match == AuditMatch.Read ? "read" : "may have read",
    ];

    private static void WriteTable(string[][] rows, TextWriter output)
    {
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Length == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join(" | ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(" | ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static void WriteJson(string[][] rows, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Length; i++)
                {
                    json.WriteString(Columns[i], row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
