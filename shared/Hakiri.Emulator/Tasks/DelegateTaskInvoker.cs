using System.Text.Json.Nodes;

namespace Hakiri.Emulator.Tasks;

/// <summary>An <see cref="ITaskInvoker"/> backed by a function, for hosts and tests with a handful of resources.</summary>
/// <param name="invoke">Runs one attempt; see <see cref="ITaskInvoker.InvokeAsync"/>.</param>
public sealed class DelegateTaskInvoker(Func<string, JsonNode?, TaskInvocationContext, CancellationToken, Task<JsonNode?>> invoke) : ITaskInvoker
{
    /// <inheritdoc />
    public Task<JsonNode?> InvokeAsync(string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken = default) =>
        invoke(resource, parameters, context, cancellationToken);
}
