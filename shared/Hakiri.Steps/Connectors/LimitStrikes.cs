using Hakiri.Connectors.Contract;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Steps.Connectors;

/// <summary>
/// A sandboxed connector that hits a resource limit (fuel, memory, deadline) fails its step as transient once, so the
/// state machine's retry gives it a fresh instance; the same limit hit again on the retry of the same work fails the
/// run as permanent, naming the limit, the call and the table (ADR 14). A marker file beside the staged work remembers
/// the first strike across the retry, which is a new invocation.
/// </summary>
internal static class LimitStrikes
{
    /// <summary>Runs <paramref name="action"/>, counting limit strikes in <paramref name="marker"/>.</summary>
    public static async Task<T> GuardAsync<T>(string marker, Func<Task<T>> action)
    {
        try
        {
            var result = await action().ConfigureAwait(false);
            if (File.Exists(marker))
            {
                File.Delete(marker);
            }

            return result;
        }
        catch (StepFailedException e) when (e.InnerException is ConnectorException { Limit: { } limit })
        {
            if (File.Exists(marker) && File.ReadAllText(marker) == limit)
            {
                File.Delete(marker);
                throw new StepFailedException(StepErrors.Permanent,
                    $"{e.Message}; the retry hit the same limit, so the run stops — raise it in the connector's connector.toml [limits] " +
                    "(within its cap) or make the connector do less per call", e.InnerException);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            File.WriteAllText(marker, limit);
            throw;
        }
    }
}
