namespace Hakiri.Model.Diagnostics;

/// <summary>How bad a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input cannot be used; the command exits with code 2.</summary>
    Error,

    /// <summary>The input is usable but probably not what the user meant.</summary>
    Warning,
}

/// <summary>
/// A problem found in a user's file, in the compiler convention editors understand:
/// <c>path:line:col: error: what is wrong — what to do</c>.
/// </summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="File">The file, as the user named it.</param>
/// <param name="Line">The 1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
/// <param name="Message">What is wrong, as a sentence fragment without a trailing period.</param>
/// <param name="Hint">What to do about it, or <see langword="null"/>.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string File, int Line, int Column, string Message, string? Hint)
{
    /// <summary>A stable identifier of the kind of problem, for callers that treat some kinds specially; may be null.</summary>
    public string? Code { get; init; }

    /// <summary>Whether this is an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Formats the diagnostic on one line.</summary>
    public override string ToString()
    {
        var location = Line <= 0 ? File : Column <= 0 ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Hint is null ? $"{location}: {severity}: {Message}" : $"{location}: {severity}: {Message} — {Hint}";
    }
}
