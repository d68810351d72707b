using System.CommandLine;
using Hakiri.Manifest;

namespace Hakiri.Cli.Commands;

/// <summary><c>hakiri schema export manifest|connector</c>: prints the JSON Schema editors use to check manifests.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var which = new Argument<string>("KIND") { Description = "manifest (hakiri.toml) or connector (connector.toml)." };
        which.AcceptOnlyFromAmong("manifest", "connector");
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the schema to this file instead of standard output." };

        var export = new Command("export", "Print the JSON Schema (draft 2020-12) of a manifest kind.") { which, outputFile };
        export.SetAction(parse =>
        {
            var schema = parse.GetValue(which) == "connector" ? ManifestSchemas.Connector() : ManifestSchemas.Project();
            if (parse.GetValue(outputFile) is { } path)
            {
                try
                {
                    File.WriteAllText(path, schema);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"{path}: error: cannot write the schema: {e.Message} — check the directory exists and is writable");
                    return ExitCodes.BadInput;
                }

                return ExitCodes.Ok;
            }

            parse.InvocationConfiguration.Output.Write(schema);
            return ExitCodes.Ok;
        });

        return new Command("schema", "JSON Schemas of Hakiri's manifests, for editors and CI.") { export };
    }
}
