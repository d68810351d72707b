using Hakiri.Cli.Output;
using Hakiri.Deploy.Azure.Deployment;
using Hakiri.Emit.Azure;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Deploying;

/// <summary>
/// The compiled template and its parameters for a deploy: emitted from the manifest (what <c>hakiri emit azure</c>
/// writes), or read from the folder <c>--template DIR</c> names for a template edited by hand.
/// </summary>
internal static class AzureTemplateSource
{
    public const string TemplateFile = "main.json";
    public const string ParametersFile = "main.parameters.json";

    /// <summary>The template and parameters, or null after printing the located errors or one sentence to <paramref name="error"/>.</summary>
    public static AzureTemplateInput? Load(ProjectManifest project, string manifestPath, string stage, string? directory, TextWriter error)
    {
        if (directory is null)
        {
            var emitted = AzureTemplate.Emit(project, stage, manifestPath);
            DiagnosticPrinter.Print(error, emitted.Diagnostics);
            return emitted.Succeeded ? new AzureTemplateInput(emitted.ArmJson, emitted.ParametersJson!) : null;
        }

        var template = Path.Combine(directory, TemplateFile);
        var parameters = Path.Combine(directory, ParametersFile);
        foreach (var file in new[] { template, parameters })
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"error: {file} does not exist — run `hakiri emit azure -o {directory}` first, or leave out --template to deploy the template emitted from the manifest");
                return null;
            }
        }

        return new AzureTemplateInput(File.ReadAllText(template), File.ReadAllText(parameters));
    }
}
