using Hakiri.Manifest.Globs;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads a pipeline's <c>source</c> table into the connector's settings.</summary>
internal static class SourceBinder
{
    public static SourceManifest? Bind(
        TomlTable table, string pipeline, string manifestPath, IReadOnlyList<ConnectorReference> connectors, DiagnosticBag diagnostics) =>
        TomlRead.String(table, "connector") switch
        {
            "file" => BindFile(table, pipeline, manifestPath, diagnostics),
            "http" => HttpSourceBinder.BindHttp(table, pipeline, diagnostics),
            "github" => HttpSourceBinder.BindGitHub(table, pipeline, diagnostics),
            "postgres" => StoreSourceBinder.BindPostgres(table, pipeline, diagnostics),
            "s3" => StoreSourceBinder.BindS3(table, pipeline, diagnostics),
            { } name when connectors.FirstOrDefault(c => c.Name == name) is { } reference =>
                WasmSourceBinder.Bind(table, TomlRead.StringNode(table, "connector")!, reference, pipeline, diagnostics),
            _ => null,
        };

    private static FileSourceManifest? BindFile(TomlTable table, string pipeline, string manifestPath, DiagnosticBag diagnostics)
    {
        var pathNode = TomlRead.StringNode(table, "path");
        if (pathNode is null)
        {
            return null;
        }

        var glob = GlobPattern.TryParse(pathNode.Value, out var error);
        if (glob is null)
        {
            var at = TomlRead.Inside(pathNode, error!.Offset);
            diagnostics.Error(at.Line, at.Column, $"path '{pathNode.Value}' of pipeline '{pipeline}' is not a valid glob: {error.Message}",
                "use *, ?, ** (a whole segment), [abc] and {a,b}; escape a literal character with \\");
            return null;
        }

        var format = TomlRead.String(table, "format") switch
        {
            "csv" => FileFormat.Csv,
            "ndjson" => FileFormat.Ndjson,
            "json" => FileFormat.Json,
            "parquet" => FileFormat.Parquet,
            null when !table.TryGetValue("format", out _) => InferFormat(pathNode.Value),
            _ => (FileFormat?)null,
        };
        if (format is null)
        {
            if (!table.TryGetValue("format", out _))
            {
                diagnostics.Error(pathNode.Position.Line, pathNode.Position.Column,
                    $"cannot tell the format of '{pathNode.Value}' from its extension",
                    $"add format = \"csv\" (or ndjson, json, parquet) under [pipelines.{pipeline}.source]");
            }

            return null;
        }

        WarnWhenNothingMatches(glob, pathNode, manifestPath, diagnostics);
        var onError = TomlRead.String(table, "on_error") == "skip" ? OnErrorPolicy.Skip : OnErrorPolicy.Fail;
        return new FileSourceManifest(pathNode.Value, format.Value, onError);
    }

    private static FileFormat? InferFormat(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => FileFormat.Csv,
            ".ndjson" or ".jsonl" => FileFormat.Ndjson,
            ".json" => FileFormat.Json,
            ".parquet" => FileFormat.Parquet,
            _ => null,
        };
    }

    private static void WarnWhenNothingMatches(GlobPattern glob, TomlString pathNode, string manifestPath, DiagnosticBag diagnostics)
    {
        var manifestDirectory = Path.GetDirectoryName(manifestPath) ?? ".";
        if (GlobFiles.Match(manifestDirectory, glob).Any())
        {
            return;
        }

        var start = Path.GetFullPath(Path.Combine(manifestDirectory, glob.BaseDirectory));
        if (!Directory.Exists(start))
        {
            diagnostics.Warning(pathNode.Position.Line, pathNode.Position.Column,
                $"the directory '{glob.BaseDirectory}' of path '{pathNode.Value}' does not exist (relative to {manifestDirectory})",
                "create it or correct the path", ManifestCodes.MissingDirectory);
            return;
        }

        diagnostics.Warning(pathNode.Position.Line, pathNode.Position.Column,
            $"no file matches '{pathNode.Value}' yet (relative to {manifestDirectory})",
            "runs will land nothing until files appear there; check the path if that is not expected", ManifestCodes.NoMatch);
    }
}
