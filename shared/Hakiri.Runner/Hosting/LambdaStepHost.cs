using System.Collections.Concurrent;
using Hakiri.LocalLambda;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;

namespace Hakiri.Runner.Hosting;

/// <summary>
/// Runs each step in the real function binary, as Lambda would: one warm <c>bootstrap</c> process per handler,
/// invoked through the Runtime API on 127.0.0.1. The function's reported <c>errorType</c> becomes the step's error name.
/// </summary>
public sealed class LambdaStepHost(Func<string, BootstrapCommand> commandFor, TimeSpan? timeout = null) : IStepHost
{
    private readonly ConcurrentDictionary<string, Lazy<LocalLambdaFunction>> _functions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default)
    {
        var function = _functions.GetOrAdd(handler, h => new Lazy<LocalLambdaFunction>(() => LocalLambdaFunction.Start(commandFor(h)))).Value;
        try
        {
            return await function.InvokeAsync(inputJson, timeout ?? TimeSpan.FromMinutes(15), cancellationToken).ConfigureAwait(false);
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
