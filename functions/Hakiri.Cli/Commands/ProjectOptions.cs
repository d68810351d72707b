using System.CommandLine;
using Hakiri.Cli.Output;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Store;

namespace Hakiri.Cli.Commands;

/// <summary>The <c>--manifest</c> option commands share, and loading the project it names.</summary>
internal static class ProjectOptions
{
    public static Option<string> Manifest() => new("--manifest", "-m")
    {
        Description = "The project manifest.",
        DefaultValueFactory = _ => ManifestLoader.DefaultFileName,
    };

    /// <summary>Loads the manifest and its local store, printing diagnostics; <see langword="null"/> means exit 2.</summary>
    public static (ProjectManifest Manifest, StoreLayout Layout)? Load(string path, TextWriter error, bool missingDirectoriesAreErrors = false)
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

        if (manifest.Store is not LocalStoreLocation local)
        {
            error.WriteLine($"{path}: error: store {manifest.Store.Display} is on S3, which this version cannot run against yet — use a local directory for now");
            return null;
        }

        return (manifest, new StoreLayout(local.Directory));
    }
}
