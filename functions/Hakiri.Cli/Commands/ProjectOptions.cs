using System.CommandLine;
using Hakiri.Cli.Output;
using Hakiri.Manifest;

namespace Hakiri.Cli.Commands;

/// <summary>The <c>--manifest</c> option commands share, and loading the project it names.</summary>
internal static class ProjectOptions
{
    public static Option<string> Manifest() => new("--manifest", "-m")
    {
        Description = "The project manifest.",
        DefaultValueFactory = _ => ManifestLoader.DefaultFileName,
    };

    /// <summary>Loads the manifest, printing its diagnostics; null (after they said why) means exit 2.</summary>
    public static Model.Manifests.ProjectManifest? LoadManifest(string path, TextWriter error)
    {
        var loaded = ManifestLoader.LoadProject(path);
        DiagnosticPrinter.Print(error, loaded.Diagnostics);
        return loaded.Diagnostics.Any(d => d.IsError) ? null : loaded.Value;
    }

    /// <summary>Loads the manifest and opens its store (local, or a mirror of S3 or Blob storage), printing diagnostics; null means exit 2.</summary>
    public static StoreSession? Load(string path, TextWriter error, bool missingDirectoriesAreErrors = false)
    {
        var result = ManifestLoader.LoadProject(path);
        var diagnostics = missingDirectoriesAreErrors
            ? result.Diagnostics.Select(d => d.Code == ManifestCodes.MissingDirectory ? d with { Severity = Model.Diagnostics.DiagnosticSeverity.Error } : d).ToArray()
            : result.Diagnostics;
        DiagnosticPrinter.Print(error, diagnostics);
        if (result.Value is not { } manifest || diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        try
        {
            return StoreSession.Open(manifest);
        }
        catch (StoreOpenException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
