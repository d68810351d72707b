namespace Hakiri.Model.Diagnostics;

/// <summary>Collects the diagnostics of one file so several problems can be reported at once.</summary>
/// <param name="file">The file the diagnostics are about, as the user named it.</param>
public sealed class DiagnosticBag(string file)
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>The file the diagnostics are about.</summary>
    public string File { get; } = file;

    /// <summary>The diagnostics in the order they were found.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>Whether any error was reported.</summary>
    public bool HasErrors => _items.Exists(d => d.IsError);

    /// <summary>Reports an error.</summary>
    public void Error(int line, int column, string message, string? hint = null) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Error, File, line, column, message, hint));

    /// <summary>Adds a diagnostic about another file (one this file refers to, such as a connector's manifest).</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Reports a warning.</summary>
    public void Warning(int line, int column, string message, string? hint = null, string? code = null) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Warning, File, line, column, message, hint) { Code = code });
}
