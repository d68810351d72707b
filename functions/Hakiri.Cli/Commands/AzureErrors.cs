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
            case ArmException { StatusCode: 401 } rejected:
                error.WriteLine($"error: {rejected.Message} — the token was rejected; sign in again (`az login`) or check AZURE_TENANT_ID and AZURE_CLIENT_ID");
                return ExitCodes.BadInput;
            default:
                error.WriteLine($"error: {exception.Message} — the resource group is as ARM last reported it; run the command again once the cause is fixed");
                return ExitCodes.RunFailed;
        }
    }
}
