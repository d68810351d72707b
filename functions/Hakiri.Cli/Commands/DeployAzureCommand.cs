using System.CommandLine;
using Hakiri.Cli.Deploying;
using Hakiri.Deploy.Azure.Arm;
using Hakiri.Deploy.Azure.Deployment;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri deploy azure</c>: the project's template through an incremental ARM deployment, with a what-if plan,
/// progress per resource, the outputs, and the function package published to the app (docs/deploy-azure.md).
/// </summary>
internal static class DeployAzureCommand
{
    public static Command Create()
    {
        var manifest = ProjectOptions.Manifest();
        var stage = AzureOptions.Stage();
        var group = AzureOptions.ResourceGroup();
        var location = AzureOptions.Location();
        var subscription = AzureOptions.Subscription();
        var endpoint = AzureOptions.EndpointUrl();
        var plan = new Option<bool>("--plan") { Description = "Show what would be created, changed or deleted (an ARM what-if), and change nothing." };
        var template = new Option<string?>("--template") { Description = "Deploy main.json and main.parameters.json from this folder (e.g. written by `hakiri emit azure -o DIR`, then edited) instead of the template emitted from the manifest." };
        var azure = new Command("azure", "Deploy the project's template to a resource group through Azure Resource Manager and publish the function package.")
        {
            manifest, stage, group, location, subscription, endpoint, plan, template,
        };
        azure.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            if (ProjectOptions.LoadManifest(parse.GetValue(manifest)!, console.Error) is not { } project
                || !DeployablePipelines.CheckDeployableToAzure(project, console.Error)
                || AzureOptions.Endpoint(parse.GetValue(endpoint), console.Error) is not { } url)
            {
                return ExitCodes.BadInput;
            }

            using var temporary = new TemporaryFolder();
            try
            {
                var target = AzureTarget.Resolve(project.Name, parse.GetValue(stage)!, parse.GetValue(subscription), parse.GetValue(group), parse.GetValue(location));
                if (AzureTemplateSource.Load(project, parse.GetValue(manifest)!, parse.GetValue(stage)!, parse.GetValue(template), console.Error) is not { } input || Package(project, temporary.Path, console.Error) is not { } package)
                {
                    return ExitCodes.BadInput;
                }

                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
                var client = new ArmClient(http, url, AzureCredentials.FromEnvironment());
                console.Output.WriteLine($"Deploying {target.DeploymentName} to subscription {target.Subscription}, resource group {target.ResourceGroup}{(url == ArmClient.PublicCloud ? string.Empty : $" via {url}")}.");
                await new AzureDeployer(client, target, console.Output).DeployAsync(input, package, parse.GetValue(plan), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is AzureDeploymentException or AzureCredentialsNotFoundException or ArmException)
            {
                return AzureErrors.Report(e, console.Error);
            }
        });
        return azure;
    }

    /// <summary>The package with the manifest added, in <paramref name="directory"/>; null after saying how to build a missing one.</summary>
    private static FunctionPackage? Package(ProjectManifest project, string directory, TextWriter error)
    {
        if (AzurePackage.Find(out var looked) is not { } zip)
        {
            error.WriteLine($"error: no Azure function package at {looked} — build it with scripts/package-azure.sh or set HAKIRI_AZURE_PACKAGE to its path");
            return null;
        }

        var target = Path.Combine(directory, AzurePackage.FileName);
        try
        {
            AzurePackage.WithManifest(zip, project, target);
        }
        catch (InvalidOperationException e)
        {
            // A connector the package cannot carry (checked before, but its files may have moved since).
            error.WriteLine(e.Message);
            return null;
        }

        return FunctionPackage.Of(target);
    }

    /// <summary>A temporary folder deleted on dispose.</summary>
    private sealed class TemporaryFolder : IDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hakiri-azure-");

        public string Path => _directory.FullName;

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
