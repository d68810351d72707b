using System.Globalization;
using System.Text.RegularExpressions;
using Hakiri.DuckDb;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Sources;

/// <summary>Turns DuckDB reader errors into sentences that name the source file (or object) and line.</summary>
internal static partial class SourceErrors
{
    public static StepFailedException From(string path, SourceFormat source, DuckDbException error, string? absolutePath = null)
    {
        // DuckDB names the path it read: a downloaded object's temporary file means nothing to the user, its locator does.
        var message = absolutePath is null ? error.Message : error.Message.Replace(absolutePath, path, StringComparison.Ordinal);
        if (error.ErrorType == DuckDbErrorType.OutOfMemory)
        {
            // Not the file's fault: the step's DuckDB memory limit is too small for this file.
            return new StepFailedException(StepErrors.Permanent,
                $"{path}: DuckDB ran out of memory reading the {source.Noun} ({message.Split('\n', 2)[0].Trim()}) — raise HAKIRI_DUCKDB_MEMORY_LIMIT (default 192MB)", error);
        }

        var firstLine = message.Split('\n', 2)[0].Trim();
        var line = LineNumber().Match(message);
        var location = line.Success ? $"{path}:{line.Groups[1].Value}" : path;
        if (!line.Success && source.Format == FileFormat.Csv && absolutePath is not null && CsvLineChecker.FirstInconsistentRecord(absolutePath) is { } bad)
        {
            location = $"{path}:{bad.Line}";
            firstLine = $"the row has {bad.Actual} fields where the header has {bad.Expected}";
        }
        var what = source.Format switch
        {
            FileFormat.Csv => "malformed CSV",
            FileFormat.Ndjson => "invalid NDJSON",
            FileFormat.Json => "invalid JSON",
            _ => "unreadable Parquet",
        };
        var hint = source.OnError == OnErrorPolicy.Fail && source.Format is FileFormat.Csv or FileFormat.Ndjson
            ? $"fix the {source.Noun}, or set on_error = \"skip\" in the pipeline's source to skip and count malformed rows"
            : $"fix or remove the {source.Noun}";
        if (message.Contains("No files found", StringComparison.OrdinalIgnoreCase) || message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
        {
            return new StepFailedException(StepErrors.BadInput, $"{path}: cannot read the {source.Noun}: {firstLine} — check it exists and is readable", error);
        }

        return new StepFailedException(StepErrors.BadInput, $"{location}: {what}: {firstLine} — {hint}", error);
    }

    /// <summary>The line number DuckDB names in a reader error, when it names one.</summary>
    public static int? LineOf(string message)
    {
        var match = LineNumber().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"[Ll]ine:? (\d+)")]
    private static partial Regex LineNumber();
}
