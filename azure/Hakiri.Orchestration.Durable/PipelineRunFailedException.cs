namespace Hakiri.Orchestration.Durable;

/// <summary>
/// A run failed: a step's error after its retries, as the ASL Fail states report it. The message is the cause
/// ("write failed for table orders: …"); <see cref="ErrorName"/> is the step's error name.
/// </summary>
public sealed class PipelineRunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineRunFailedException(string errorName, string cause) : base(cause) => ErrorName = errorName;

    /// <summary>The step's error name (e.g. <c>Hakiri.Permanent</c>).</summary>
    public string ErrorName { get; }
}
