using System.CommandLine;
using Hakiri.Cli.Output;
using Hakiri.Emit.Azure;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri emit azure -m MANIFEST -o DIR [--stage S]</c>: writes the Azure deployment for users who deploy with their
/// own tooling (az deployment group create): the fixed Bicep module, its compiled ARM JSON and the parameters the
/// manifest fills in. <c>hakiri deploy azure</c> deploys the same JSON and parameters.
/// </summary>
internal static class EmitAzureCommand
{
    public static Command Create()
    {
        var manifest = ProjectOptions.Manifest();
        var output = new Option<string>("--output", "-o") { Description = "The directory main.bicep, main.json and main.parameters.json are written to (created if missing).", DefaultValueFactory = _ => "azure.out" };
        var stage = AzureOptions.Stage();
        var command = new Command("azure", "The Azure deployment (Bicep): store and runtime storage accounts, a Flex Consumption function app, Log Analytics + Application Insights, role assignments; with the parameters from the manifest.")
        {
            manifest, output, stage,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var manifestPath = parse.GetValue(manifest)!;
            if (ProjectOptions.LoadManifest(manifestPath, error) is not { } project)
            {
                return ExitCodes.BadInput;
            }

            var emitted = AzureTemplate.Emit(project, parse.GetValue(stage)!, manifestPath);
            DiagnosticPrinter.Print(error, emitted.Diagnostics);
            if (!emitted.Succeeded)
            {
                return ExitCodes.BadInput;
            }

            var directory = parse.GetValue(output)!;
            var written = new List<string>();
            try
            {
                Directory.CreateDirectory(directory);
                foreach (var (name, text) in emitted.Files())
                {
                    var path = Path.Combine(directory, name);
                    File.WriteAllText(path, text);
                    written.Add(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{directory}: error: cannot write the Azure deployment: {e.Message} — check the directory is writable");
                return ExitCodes.BadInput;
            }

            var parameters = emitted.Parameters!;
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var path in written)
            {
                stdout.WriteLine($"wrote {path}");
            }

            stdout.WriteLine($"project {parameters.ProjectName}, stage {parameters.Stage}, store {parameters.StoreUri}");
            foreach (var schedule in parameters.Schedules)
            {
                stdout.WriteLine($"schedule {schedule.Pipeline}: {schedule.Written} -> {schedule.Expression} (NCRONTAB, UTC)");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
