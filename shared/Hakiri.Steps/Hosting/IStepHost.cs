namespace Hakiri.Steps.Hosting;

/// <summary>
/// Where steps execute: in this process, in this process against a mirrored object store, or in a function process
/// behind the Lambda Runtime API. Orchestrators (the emulator, the direct runner) only see this.
/// </summary>
public interface IStepHost : IAsyncDisposable
{
    /// <summary>Runs a step handler on a JSON input and returns its JSON output.</summary>
    /// <exception cref="Errors.StepFailedException">The step failed; its error name is what Retry and Catch match.</exception>
    Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default);
}

/// <summary>Runs steps in this process against a local store.</summary>
public sealed class InProcessStepHost(StepContext context) : IStepHost
{
    /// <inheritdoc />
    public Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default) =>
        StepDispatcher.InvokeAsync(handler, inputJson, context, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
