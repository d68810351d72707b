using System.Text.Json.Nodes;

namespace Hakiri.Emulator.Tasks;

/// <summary>
/// Runs the resource of a Task state. The emulator's seam: a host maps resource names (ARNs, placeholders) to code.
/// </summary>
public interface ITaskInvoker
{
    /// <summary>Runs one attempt of a Task state.</summary>
    /// <param name="resource">The state's <c>Resource</c> field, as written in the definition.</param>
    /// <param name="parameters">The effective parameters (after InputPath and Parameters).</param>
    /// <param name="context">The execution and state running the task; heartbeats go through it.</param>
    /// <param name="cancellationToken">Cancelled when the task times out, a sibling branch fails or the execution stops.</param>
    /// <returns>The task's result, which ResultSelector, ResultPath and OutputPath then process.</returns>
    /// <exception cref="TaskFailedException">The task failed with an error name that Retry and Catch match.</exception>
    Task<JsonNode?> InvokeAsync(string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken = default);
}
