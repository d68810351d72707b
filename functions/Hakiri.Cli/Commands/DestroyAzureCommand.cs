using System.CommandLine;
using Hakiri.Deploy.Azure.Arm;
using Hakiri.Deploy.Azure.Deployment;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri destroy azure</c>: deletes the stage's resources but the store account (its data stays), or with
/// <c>--delete-data</c> the whole resource group. Asks on a terminal; needs <c>--yes</c> otherwise.
/// </summary>
internal static class DestroyAzureCommand
{
    public static Command Create()
    {
        var manifest = ProjectOptions.Manifest();
        var stage = AzureOptions.Stage();
        var group = AzureOptions.ResourceGroup();
        var subscription = AzureOptions.Subscription();
        var endpoint = AzureOptions.EndpointUrl();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when standard input is not a terminal)." };
        var deleteData = new Option<bool>("--delete-data") { Description = "Delete the whole resource group, the store account and its data included." };
        var azure = new Command("azure", "Delete the project's Azure resources. The store account and its data are kept unless --delete-data.")
        {
            manifest, stage, group, subscription, endpoint, yes, deleteData,
        };
        azure.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            if (ProjectOptions.LoadManifest(parse.GetValue(manifest)!, console.Error) is not { } project
                || AzureOptions.Endpoint(parse.GetValue(endpoint), console.Error) is not { } url)
            {
                return ExitCodes.BadInput;
            }

            try
            {
                var target = AzureTarget.Resolve(project.Name, parse.GetValue(stage)!, parse.GetValue(subscription), parse.GetValue(group), location: null);
                if (!parse.GetValue(yes) && !Confirm(target.ResourceGroup, parse.GetValue(deleteData), console.Output, console.Error))
                {
                    return ExitCodes.BadInput;
                }

                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
                var client = new ArmClient(http, url, AzureCredentials.FromEnvironment());
                await new AzureDestroyer(client, target, console.Output).DestroyAsync(parse.GetValue(deleteData), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is AzureDeploymentException or AzureCredentialsNotFoundException or ArmException)
            {
                return AzureErrors.Report(e, console.Error);
            }
        });
        return azure;
    }

    private static bool Confirm(string group, bool deleteData, TextWriter output, TextWriter error)
    {
        if (Console.IsInputRedirected)
        {
            error.WriteLine($"error: destroying {group} needs confirmation — pass --yes (standard input is not a terminal)");
            return false;
        }

        output.Write(deleteData
            ? $"Delete resource group {group} with the store's data? Type the group's name to confirm: "
            : $"Delete the resources of {group}? The store account is kept. Type the group's name to confirm: ");
        if (string.Equals(Console.ReadLine()?.Trim(), group, StringComparison.Ordinal))
        {
            return true;
        }

        error.WriteLine("error: not confirmed; nothing was deleted");
        return false;
    }
}
