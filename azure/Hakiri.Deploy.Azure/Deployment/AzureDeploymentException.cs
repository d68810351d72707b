namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>A deploy or destroy that stopped, with one sentence saying what happened and what to do.</summary>
public sealed class AzureDeploymentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AzureDeploymentException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AzureDeploymentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AzureDeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception; <paramref name="badInput"/> means nothing was changed because of the input (exit 2).</summary>
    public AzureDeploymentException(bool badInput, string message, Exception? innerException = null)
        : base(message, innerException) => IsBadInput = badInput;

    /// <summary>True when the input was wrong and nothing was changed (exit 2); false when the deployment failed (exit 1).</summary>
    public bool IsBadInput { get; }
}
