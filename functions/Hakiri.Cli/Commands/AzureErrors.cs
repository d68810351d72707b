using Hakiri.Deploy.Azure.Arm;
using Hakiri.Deploy.Azure.Deployment;

namespace Hakiri.Cli.Commands;

/// <summary>One sentence for a stopped Azure deploy or destroy, and its exit code.</summary>
internal static class AzureErrors
{
    public static int Report(Exception exception, TextWriter error)
    {
        switch (exception)
        {
            case AzureDeploymentException stopped:
                error.WriteLine($"error: {stopped.Message}");
                return stopped.IsBadInput ? ExitCodes.BadInput : ExitCodes.RunFailed;
            case AzureCredentialsNotFoundException missing:
                error.WriteLine($"error: {missing.Message}");
                return ExitCodes.BadInput;
            default:
                error.WriteLine($"error: {exception.Message} — the resource group is as ARM last reported it; run the command again once the cause is fixed");
                return ExitCodes.RunFailed;
        }
    }
}
