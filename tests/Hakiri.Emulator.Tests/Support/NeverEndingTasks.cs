using System.Text.Json.Nodes;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Tests.Support;

/// <summary>A task that only ends when cancelled; records whether it was.</summary>
internal sealed class NeverEndingTasks : ITaskInvoker
{
    public int Cancelled { get; private set; }

    public async Task<JsonNode?> InvokeAsync(string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return null;
        }
        catch (OperationCanceledException)
        {
            Cancelled++;
            throw;
        }
    }
}
