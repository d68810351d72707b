using System.Text.RegularExpressions;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;

namespace Hakiri.Emit.Azure;

/// <summary>
/// The Azure deployment of a project: the fixed module <c>infra/azure/main.bicep</c> and its compiled
/// <c>main.json</c> (both embedded in this assembly, so the hakiri binary needs no Bicep compiler) and the
/// <c>main.parameters.json</c> the manifest fills in: project, stage, store container and prefix, schedules.
/// </summary>
public static partial class AzureTemplate
{
    /// <summary>The stage a deployment gets when none is named.</summary>
    public const string DefaultStage = "dev";

    /// <summary>The fixed module's source text.</summary>
    public static string Bicep { get; } = Resource("azure/main.bicep");

    /// <summary>The compiled module (ARM JSON) text.</summary>
    public static string ArmJson { get; } = Resource("azure/main.json");

    /// <summary>
    /// Fills in the module's parameters from <paramref name="manifest"/>. An <c>azblob://container/prefix</c> store
    /// gives the container and prefix; a local or S3 store deploys to the container <see cref="AzureParameters.DefaultContainer"/>
    /// with the project name as prefix. A schedule NCRONTAB cannot express, more than eight scheduled pipelines, or a
    /// bad stage is an error diagnostic (located at the manifest's <c>schedule</c> key) and no parameters.
    /// </summary>
    /// <param name="manifest">The project.</param>
    /// <param name="stage">The deployment stage: 1-16 lower-case letters, digits and hyphens.</param>
    /// <param name="displayPath">How diagnostics name the manifest; default: its path.</param>
    public static EmittedTemplate Emit(ProjectManifest manifest, string stage = DefaultStage, string? displayPath = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(stage);
        var diagnostics = new DiagnosticBag(displayPath ?? manifest.ManifestPath);
        if (!StageName().IsMatch(stage))
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "--stage", 0, 0,
                $"the stage '{stage}' cannot be part of Azure resource names", "use 1 to 16 lower-case letters, digits and hyphens, starting with a letter or digit, e.g. --stage dev"));
        }

        var schedules = Schedules(manifest, diagnostics);
        if (diagnostics.HasErrors)
        {
            return new EmittedTemplate(Bicep, ArmJson, null, null, diagnostics.Items);
        }

        var (container, prefix) = manifest.Store is AzureBlobStoreLocation blob
            ? (blob.Container, blob.Prefix)
            : (AzureParameters.DefaultContainer, manifest.Name);
        var parameters = new AzureParameters(manifest.Name, stage, container, prefix, schedules);
        return new EmittedTemplate(Bicep, ArmJson, parameters, ParametersWriter.Write(parameters), diagnostics.Items);
    }

    private static List<AzureSchedule> Schedules(ProjectManifest manifest, DiagnosticBag diagnostics)
    {
        var locator = new Lazy<ScheduleLocator>(() => ScheduleLocator.Of(manifest.ManifestPath));
        var schedules = new List<AzureSchedule>();
        foreach (var pipeline in manifest.Pipelines.Where(p => p.Schedule is not null))
        {
            var schedule = pipeline.Schedule!;
            if (!NcrontabSchedule.TryTranslate(schedule, out var expression, out var error))
            {
                var (line, column) = locator.Value.Find(pipeline.Name);
                diagnostics.Error(line, column, $"'schedule' in [pipelines.{pipeline.Name}] cannot run on Azure: {error.Message}", error.Hint);
                continue;
            }

            schedules.Add(new AzureSchedule(pipeline.Name, expression, schedule.Expression));
        }

        var scheduled = manifest.Pipelines.Where(p => p.Schedule is not null).ToArray();
        if (scheduled.Length > AzureParameters.MaxSchedules)
        {
            var extra = scheduled[AzureParameters.MaxSchedules];
            var (line, column) = locator.Value.Find(extra.Name);
            diagnostics.Error(line, column,
                $"[pipelines.{extra.Name}] is scheduled pipeline number {AzureParameters.MaxSchedules + 1} of {scheduled.Length}, but the Azure function app has {AzureParameters.MaxSchedules} timer slots",
                $"schedule at most {AzureParameters.MaxSchedules} pipelines (remove 'schedule' from {scheduled.Length - AzureParameters.MaxSchedules} of them and start those with POST /api/runs)");
        }

        return schedules;
    }

    private static string Resource(string name)
    {
        using var stream = typeof(AzureTemplate).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from Hakiri.Emit; rebuild it.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex StageName();
}
