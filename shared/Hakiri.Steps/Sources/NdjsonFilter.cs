using System.Text;
using System.Text.Json;

namespace Hakiri.Steps.Sources;

/// <summary>
/// Under <c>on_error = "skip"</c>, copies the valid lines of an NDJSON file and counts the rest: DuckDB's own
/// ignore_errors turns a bad line into a row of NULLs, which would be data nobody sent.
/// </summary>
internal static class NdjsonFilter
{
    /// <summary>Writes the lines that are one JSON object each to <paramref name="target"/>; returns how many were not.</summary>
    public static long CopyValidLines(string source, string target)
    {
        long invalid = 0;
        using var reader = new StreamReader(source, Encoding.UTF8);
        using var writer = new StreamWriter(target, append: false, new UTF8Encoding(false));
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (IsObject(line))
            {
                writer.WriteLine(line);
            }
            else
            {
                invalid++;
            }
        }

        return invalid;
    }

    private static bool IsObject(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
