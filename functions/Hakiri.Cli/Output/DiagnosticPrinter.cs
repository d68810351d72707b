using Hakiri.Model.Diagnostics;

namespace Hakiri.Cli.Output;

/// <summary>Prints diagnostics in the compiler convention, one per line, then a count.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter error, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        var errors = diagnostics.Count(d => d.IsError);
        if (errors > 0)
        {
            error.WriteLine($"{errors} error{(errors == 1 ? string.Empty : "s")}.");
        }
    }
}
