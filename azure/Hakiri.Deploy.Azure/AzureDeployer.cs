namespace Hakiri.Deploy.Azure;

/// <summary>Deploys a project to Azure (written by the deploy work of issue 13).</summary>
public static class AzureDeployer
{
}
