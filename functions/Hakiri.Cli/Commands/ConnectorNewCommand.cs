using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Hakiri.Cli.Connectors;
using Hakiri.Manifest;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri connector new NAME --lang c|rust</c>: writes a WebAssembly source connector the toolchains on the machine
/// build and the bundled cassette tests offline — its source, its SDK and <c>connector.toml</c> under
/// <c>connectors/NAME/</c>, the cassette under <c>fixtures/NAME/</c> — and declares it in the manifest with the grants
/// its <c>connector.toml</c> asks for and a pipeline that reads it.
/// </summary>
internal static partial class ConnectorNewCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The connector's name: lower-case letters, digits and hyphens, starting with a letter." };
        var language = new Option<string>("--lang") { Description = "The template's language: c or rust.", Required = true };
        language.AcceptOnlyFromAmong(ConnectorResources.Languages);
        var manifest = ProjectOptions.Manifest();
        var command = new Command("new", "Create a WebAssembly source connector from a template (C or Rust), declare it in the manifest with a pipeline, and a cassette to test it offline.")
        {
            name, language, manifest,
        };
        command.SetAction(parse => Run(parse.GetValue(manifest)!, parse.GetValue(name)!, parse.GetValue(language)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string manifestPath, string name, string language, TextWriter output, TextWriter error)
    {
        if (!NamePattern().IsMatch(name))
        {
            error.WriteLine($"error: '{name}' is not a connector name — use lower-case letters, digits and hyphens, starting with a letter (at most 63)");
            return ExitCodes.BadInput;
        }

        if (!File.Exists(manifestPath))
        {
            error.WriteLine($"error: no manifest at {manifestPath} — create a project with 'hakiri init', or pass -m PATH");
            return ExitCodes.BadInput;
        }

        var loaded = ManifestLoader.LoadProject(manifestPath);
        if (loaded.Value is not { } project)
        {
            error.WriteLine($"{manifestPath}: error: the manifest does not load — run 'hakiri validate -m {manifestPath}' and fix it first");
            return ExitCodes.BadInput;
        }

        if (project.Connectors.Any(c => c.Name == name) || project.FindPipeline(name) is not null)
        {
            error.WriteLine($"{manifestPath}: error: the manifest already declares '{name}' (a connector or a pipeline) — choose another name");
            return ExitCodes.BadInput;
        }

        var root = project.BaseDirectory;
        var folder = Path.Combine(root, "connectors", name);
        var cassette = CassettePaths.Default(project, name);
        foreach (var taken in new[] { folder, cassette }.Where(p => Directory.Exists(p) || File.Exists(p)))
        {
            error.WriteLine($"error: {taken} already exists — remove it or choose another name");
            return ExitCodes.BadInput;
        }

        try
        {
            foreach (var (relative, content) in ConnectorResources.Template(language))
            {
                var text = content.Replace("{{name}}", name, StringComparison.Ordinal);
                var target = relative == ConnectorResources.TemplateCassette ? cassette : Path.Combine(folder, relative);
                Write(target, Encoding.UTF8.GetBytes(text));
                output.WriteLine($"created {Path.GetRelativePath(Environment.CurrentDirectory, target)}");
            }

            foreach (var (relative, content) in ConnectorResources.Sdk(language))
            {
                Write(Path.Combine(folder, "sdk", relative), content);
            }

            output.WriteLine($"created {Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(folder, "sdk"))}/ (Hakiri's {language} SDK for hakiri:connector@0.1.0)");
            var asked = ManifestLoader.LoadConnector(Path.Combine(folder, "connector.toml")).Value
                ?? throw new InvalidOperationException($"The {language} template's connector.toml does not load.");
            File.AppendAllText(manifestPath, Declaration(name, asked.Capabilities.ToGrants()));
            output.WriteLine($"declared [connectors.{name}] and pipeline '{name}' in {manifestPath}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write the connector: {e.Message} — check the project folder is writable");
            return ExitCodes.BadInput;
        }

        var shown = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        output.WriteLine($"Next: hakiri connector build {shown} && hakiri connector test {name} -m {manifestPath}");
        return ExitCodes.Ok;
    }

    // What the manifest gains: the connector, granted exactly what it asks for, and a pipeline reading its table.
    private static string Declaration(string name, IReadOnlyList<string> grants) => $"""


        # Created by `hakiri connector new {name}`: the connector, granted exactly what its connector.toml asks for,
        # and a pipeline that reads it. Every key of the source but `connector` is the connector's config.
        [connectors.{name}]
        path = "connectors/{name}"
        grant = [{string.Join(", ", grants.Select(g => $"\"{g}\""))}]

        [pipelines.{name}]
        table = "{name.Replace('-', '_')}"
        primary_key = ["id"]

        [pipelines.{name}.source]
        connector = "{name}"
        base_url = "https://api.example.com"

        """;

    private static void Write(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, content);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
