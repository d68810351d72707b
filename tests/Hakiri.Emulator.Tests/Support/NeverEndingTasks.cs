using System.Text.Json.Nodes;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Tests.Support;

/// <summary>A task that only ends when cancelled; keeps the tokens it was given.</summary>
internal sealed class NeverEndingTasks : ITaskInvoker
{
    private readonly Lock _lock = new();
    private readonly List<CancellationToken> _tokens = [];

    /// <summary>How many calls had their token cancelled (the emulator does not wait for a stopped task to notice).</summary>
    public int Cancelled
    {
        get
        {
            lock (_lock)
            {
                return _tokens.Count(t => t.IsCancellationRequested);
            }
        }
    }

    public async Task<JsonNode?> InvokeAsync(string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _tokens.Add(cancellationToken);
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
