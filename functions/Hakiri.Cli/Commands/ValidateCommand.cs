using System.CommandLine;
using Hakiri.Cli.Deploying;
using Hakiri.Cli.Output;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri validate [FILE]</c>: checks a project or connector manifest and reports every problem.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The manifest to check: a hakiri.toml, or a connector.toml.",
            DefaultValueFactory = _ => ManifestLoader.DefaultFileName,
        };
        var kind = new Option<string>("--kind")
        {
            Description = "What the file is: project or connector. Default: connector for files named connector.toml, else project.",
        };
        kind.AcceptOnlyFromAmong("project", "connector");

        var command = new Command("validate", "Check a manifest and report every problem as path:line:col: error: … — exit code 2 when any.")
        {
            file,
            kind,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var isConnector = parse.GetValue(kind) is { } k ? k == "connector" : Path.GetFileName(path) == "connector.toml";
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return isConnector ? ValidateConnector(path, output, error) : ValidateProject(path, output, error);
        });
        return command;
    }

    private static int ValidateProject(string path, TextWriter output, TextWriter error)
    {
        var result = ManifestLoader.LoadProject(path);
        DiagnosticPrinter.Print(error, result.Value is { } loaded ? [.. result.Diagnostics, .. SecretUse.Unused(loaded, path)] : result.Diagnostics);
        if (result.Value is not { } manifest)
        {
            return ExitCodes.BadInput;
        }

        var count = manifest.Pipelines.Count;
        output.WriteLine($"{path}: ok — project '{manifest.Name}', store {manifest.Store.Display}, {count} pipeline{(count == 1 ? string.Empty : "s")}");
        foreach (var pipeline in manifest.Pipelines)
        {
            output.WriteLine($"  {pipeline.Name} → table {pipeline.Table}: {Describe(pipeline.Source)}, {pipeline.Schedule?.Expression ?? "on demand"}");
        }

        return ExitCodes.Ok;
    }

    private static int ValidateConnector(string path, TextWriter output, TextWriter error)
    {
        var result = ManifestLoader.LoadConnector(path);
        DiagnosticPrinter.Print(error, result.Diagnostics);
        if (result.Value is not { } connector)
        {
            return ExitCodes.BadInput;
        }

        var hosts = connector.Capabilities.HttpHosts.Count == 0 ? "no hosts" : string.Join(", ", connector.Capabilities.HttpHosts);
        output.WriteLine($"{path}: ok — {connector.Kind.ToString().ToLowerInvariant()} connector '{connector.Name}' {connector.Version}, http: {hosts}");
        return ExitCodes.Ok;
    }

    private static string Describe(SourceManifest source) => source switch
    {
        FileSourceManifest file => $"file {file.Format.ToString().ToLowerInvariant()} '{file.Path}'",
        HttpSourceManifest http => $"http {http.BaseUrl.TrimEnd('/')}{http.Path} ({ManifestNames.Of(http.Pagination.Kind)} pages"
            + (http.Incremental is { } incremental ? $", incremental on {incremental.Field})" : ")"),
        GitHubSourceManifest github => $"github {github.Repository} {ManifestNames.Of(github.Resource)}",
        PostgresSourceManifest postgres => $"postgres {postgres.Table ?? "query"} ({ManifestNames.Of(postgres.Mode)}"
            + (postgres.CursorColumn is { } cursor && postgres.Mode == PostgresReadMode.Incremental ? $" on {cursor}" : string.Empty) + $", dsn from ${postgres.DsnEnv})",
        WasmSourceManifest wasm => $"wasm connector '{wasm.Connector}' {wasm.Reference.Identity}, grants "
            + (wasm.Reference.Granted.ToGrants() is { Count: > 0 } grants ? string.Join(", ", grants) : "nothing"),
        S3SourceManifest s3 => $"s3 {ManifestNames.Of(s3.Format)} '{(s3.Glob is { } glob ? $"s3://{s3.Bucket}/{glob}" : s3.Url)}'",
        _ => source.Connector,
    };
}
