using Hakiri.Model.Manifests;

namespace Hakiri.Steps.Sources;

/// <summary>The DuckDB table function that reads one source file (or a downloaded object) in the pipeline's format.</summary>
internal static class FileReaders
{
    // CSV means comma-separated with a header and RFC 4180 quotes; column types are still detected. The read buffer is
    // 4 MB instead of DuckDB's 32 MB (it keeps two, the largest part of a CSV step's memory: 8 MB buffers peaked 16 MiB
    // higher, at the same speed); max_line_size is spelled out because an explicit buffer_size would otherwise raise it
    // to the buffer size and accept longer lines.
    private const string CsvOptions =
        "header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = true, buffer_size = 4194304, max_line_size = 2000000";

    /// <summary>
    /// The reader with a 1-based record number in a column named <see cref="RecordColumn"/>: WITH ORDINALITY for the
    /// text formats (one file per read, so it counts within the file), the file row number for Parquet.
    /// </summary>
    public static string WithRecordNumbers(SourceFormat source, string absolutePath) => source.Format == FileFormat.Parquet
        ? $"(SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS {RecordColumn} FROM read_parquet({Sql.Literal(absolutePath)}, file_row_number = true))"
        : $"(SELECT * EXCLUDE (ordinality), ordinality AS {RecordColumn} FROM {For(source, absolutePath)} WITH ORDINALITY)";

    /// <summary>
    /// The reader of one range of a text file (<see cref="TextRanges"/>): its record numbers start after
    /// <paramref name="recordsBefore"/>, and it stops after <paramref name="records"/> rows, which ends the first range,
    /// read from the whole source, where the next one begins.
    /// </summary>
    public static string RangeWithRecordNumbers(SourceFormat source, string absolutePath, long recordsBefore, long records) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"(SELECT * EXCLUDE (ordinality), ordinality + {recordsBefore} AS {RecordColumn} FROM {For(source, absolutePath)} WITH ORDINALITY LIMIT {records})");

    /// <summary>The temporary name of the record number column, renamed to the provenance column on staging.</summary>
    public const string RecordColumn = "__hakiri_record_number";

    public static string For(SourceFormat source, string absolutePath)
    {
        var path = Sql.Literal(absolutePath);
        var skip = source.OnError == OnErrorPolicy.Skip;
        return source.Format switch
        {
            FileFormat.Csv => skip
                ? $"read_csv({path}, {CsvOptions}, ignore_errors = true, store_rejects = true)"
                : $"read_csv({path}, {CsvOptions})",
            FileFormat.Ndjson => skip
                ? $"read_json({path}, format = 'newline_delimited', records = true, ignore_errors = true)"
                : $"read_json({path}, format = 'newline_delimited', records = true)",
            FileFormat.Json => $"read_json({path}, format = 'array', records = true)",
            _ => $"read_parquet({path})",
        };
    }
}
