using Hakiri.Deploy.Azure.Deployment;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The compiled template and its parameters for a deploy: main.json and main.parameters.json from the folder
/// <c>--template DIR</c> names (what <c>hakiri emit azure -o DIR</c> writes). Until the emitter is wired in here
/// (AzureTemplate.Emit(manifest, stage)) the folder is required.
/// </summary>
internal static class AzureTemplateSource
{
    public const string TemplateFile = "main.json";
    public const string ParametersFile = "main.parameters.json";

    /// <summary>The template and parameters, or null after printing one sentence to <paramref name="error"/>.</summary>
    public static AzureTemplateInput? Load(string? directory, TextWriter error)
    {
        if (directory is null)
        {
            error.WriteLine("error: no Azure template given — run `hakiri emit azure -o DIR` and pass --template DIR");
            return null;
        }

        var template = Path.Combine(directory, TemplateFile);
        var parameters = Path.Combine(directory, ParametersFile);
        foreach (var file in new[] { template, parameters })
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"error: {file} does not exist — run `hakiri emit azure -o {directory}` first");
                return null;
            }
        }

        return new AzureTemplateInput(File.ReadAllText(template), File.ReadAllText(parameters));
    }
}
