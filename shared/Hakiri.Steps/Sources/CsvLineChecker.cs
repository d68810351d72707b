namespace Hakiri.Steps.Sources;

/// <summary>
/// Finds the first CSV record whose field count differs from the header's, for error messages when DuckDB's
/// sniffer rejects a file without naming a line. Follows RFC 4180 quoting; streams the file.
/// </summary>
internal static class CsvLineChecker
{
    /// <summary>The 1-based line where the first inconsistent record starts, with the field counts; or null.</summary>
    public static (int Line, int Expected, int Actual)? FirstInconsistentRecord(string path, char delimiter = ',')
    {
        using var reader = new StreamReader(path);
        var line = 1;
        var recordStart = 1;
        var fields = 1;
        var expected = -1;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '\n')
                {
                    line++;
                }

                continue;
            }

            if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields++;
            }
            else if (c == '\n')
            {
                if (expected < 0)
                {
                    expected = fields;
                }
                else if (fields != expected && !(fields == 1 && any is false))
                {
                    return (recordStart, expected, fields);
                }

                line++;
                recordStart = line;
                fields = 1;
                any = false;
            }
        }

        return any && expected >= 0 && fields != expected ? (recordStart, expected, fields) : null;
    }
}
