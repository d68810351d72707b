namespace Hakiri.Deploy.Aws.Api;

/// <summary>No AWS credentials could be found (or the named profile does not exist); the message says what to set.</summary>
public sealed class AwsCredentialsNotFoundException : Exception
{
    /// <summary>Creates the exception with the standard advice.</summary>
    public AwsCredentialsNotFoundException()
        : this(Advice)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AwsCredentialsNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the credential chain's own error.</summary>
    public AwsCredentialsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What a user can set so credentials are found.</summary>
    public const string Advice =
        "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), " +
        "or AWS_PROFILE naming a profile in ~/.aws/credentials or ~/.aws/config (create one with `aws configure`, " +
        "or sign in with `aws sso login --profile NAME`).";
}
