namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>Why a deployment stopped: the user's input (exit 2, nothing changed) or the deployment itself (exit 1).</summary>
public enum DeploymentFailure
{
    /// <summary>Input, credentials, region or the stack's state: nothing was deployed.</summary>
    BadInput,

    /// <summary>CloudFormation was asked and the operation failed; the message says what state the stack is left in.</summary>
    Failed,
}

/// <summary>A deployment that stopped, with one sentence that says what happened and what to do.</summary>
public sealed class DeploymentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeploymentException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeploymentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with its kind.</summary>
    public DeploymentException(DeploymentFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Whether the input or the deployment failed.</summary>
    public DeploymentFailure Failure { get; } = DeploymentFailure.Failed;
}
