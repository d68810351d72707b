using System.Text.Json.Nodes;
using Hakiri.Emulator.Tasks;

namespace Hakiri.Emulator.Tests.Support;

/// <summary>A task invoker that answers synchronously from a script and records every call.</summary>
internal sealed class ScriptedTasks(Func<string, JsonNode?, TaskInvocationContext, JsonNode?> answer, TimeProvider? clock = null) : ITaskInvoker
{
    private readonly Lock _lock = new();
    private readonly List<TaskCall> _calls = [];

    public IReadOnlyList<TaskCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Every task returns the same JSON.</summary>
    public static ScriptedTasks Returning(string json) => new((_, _, _) => JsonNode.Parse(json));

    /// <summary>Every task echoes its parameters.</summary>
    public static ScriptedTasks Echo() => new((_, parameters, _) => parameters);

    /// <summary>Fails with the given errors in turn, then returns the result.</summary>
    public static ScriptedTasks FailingThen(string result, params string[] errors)
    {
        var attempt = 0;
        return new((_, _, _) => attempt < errors.Length
            ? throw new TaskFailedException(errors[attempt++], $"attempt {attempt} failed")
            : JsonNode.Parse(result));
    }

    public Task<JsonNode?> InvokeAsync(string resource, JsonNode? parameters, TaskInvocationContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _calls.Add(new TaskCall(resource, parameters?.ToJsonString(), context.RetryCount, clock?.GetUtcNow(), context.StateName));
        }

        try
        {
            return Task.FromResult(answer(resource, parameters, context));
        }
        catch (Exception e)
        {
            return Task.FromException<JsonNode?>(e);
        }
    }
}

/// <summary>One recorded task call.</summary>
internal sealed record TaskCall(string Resource, string? Parameters, int RetryCount, DateTimeOffset? At, string StateName);
