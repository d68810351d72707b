using System.Collections.Concurrent;
using Hakiri.LocalLambda;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;

namespace Hakiri.Runner.Hosting;

/// <summary>
/// Runs each step in the real function binary, as Lambda would: one warm <c>bootstrap</c> process per handler,
/// invoked through the Runtime API on 127.0.0.1. The function's reported <c>errorType</c> becomes the step's error name.
/// An invocation gets <paramref name="timeout"/> (the function's, 15 minutes when not given), as Lambda gives it.
/// </summary>
public sealed class LambdaStepHost(Func<string, BootstrapCommand> commandFor, TimeSpan? timeout = null) : IStepHost
{
    /// <summary>The error name Step Functions gives a Lambda function's unhandled error, a timeout among them.</summary>
    public const string UnhandledFunctionError = "Lambda.Unknown";

    private readonly ConcurrentDictionary<string, Lazy<LocalLambdaFunction>> _functions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default)
    {
        var instance = _functions.GetOrAdd(handler, h => new Lazy<LocalLambdaFunction>(() => LocalLambdaFunction.Start(commandFor(h))));
        try
        {
            return await instance.Value.InvokeAsync(inputJson, timeout ?? TimeSpan.FromMinutes(15), cancellationToken).ConfigureAwait(false);
        }
        catch (LambdaInvocationException e) when (e.ErrorType == LocalLambdaFunction.TimedOut)
        {
            // As on Lambda: the timed-out instance is gone, the next invocation starts a new one, and Step Functions
            // reports the timeout as an unhandled function error, which the definition does not retry.
            // Only this instance: a new one may already serve the handler.
            if (_functions.TryRemove(KeyValuePair.Create(handler, instance)))
            {
                await instance.Value.DisposeAsync().ConfigureAwait(false);
            }

            throw new StepFailedException(UnhandledFunctionError, $"{e.Message}: the {handler} function ran past its timeout; raise [deploy.aws] timeout_seconds (up to 900).", e);
        }
        catch (LambdaInvocationException e)
        {
            throw new StepFailedException(e.ErrorType, e.Message, e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var function in _functions.Values.Where(f => f.IsValueCreated))
        {
            await function.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
