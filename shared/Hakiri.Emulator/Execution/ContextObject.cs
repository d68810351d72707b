using System.Text.Json.Nodes;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Execution;

/// <summary>What a <c>$$</c> path reads: the execution, the state being run, the state machine and the Map item.</summary>
internal sealed class ContextObject
{
    private readonly ExecutionIdentity _execution;
    private readonly string _stateName;
    private readonly DateTimeOffset _enteredTime;
    private readonly int _retryCount;
    private readonly (int Index, JsonNode? Value)? _mapItem;
    private JsonObject? _json;

    public ContextObject(ExecutionIdentity execution, string stateName, DateTimeOffset enteredTime, int retryCount = 0, (int, JsonNode?)? mapItem = null)
    {
        _execution = execution;
        _stateName = stateName;
        _enteredTime = enteredTime;
        _retryCount = retryCount;
        _mapItem = mapItem;
    }

    public ExecutionIdentity Execution => _execution;

    public string StateName => _stateName;

    public int RetryCount => _retryCount;

    /// <summary>The same context during the given retry.</summary>
    public ContextObject WithRetryCount(int retryCount) => new(_execution, _stateName, _enteredTime, retryCount, _mapItem);

    /// <summary>The Map state's context while its ItemSelector runs for one item.</summary>
    public ContextObject WithMapItem(int index, JsonNode? value) => new(_execution, _stateName, _enteredTime, _retryCount, (index, value));

    /// <summary>The object as JSON, built on first use (most states never read <c>$$</c>).</summary>
    public JsonObject Json => _json ??= Build();

#pragma warning disable CA1507 // The keys are Amazon States Language's context-object names, fixed by AWS; nameof would tie them to C# names.
    private JsonObject Build()
    {
        var context = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = _execution.ExecutionId,
                ["Input"] = JsonText.Clone(_execution.Input),
                ["Name"] = _execution.ExecutionName,
                ["RoleArn"] = _execution.RoleArn,
                ["StartTime"] = Timestamps.Format(_execution.StartTime),
                ["RedriveCount"] = 0,
            },
            ["State"] = new JsonObject
            {
                ["EnteredTime"] = Timestamps.Format(_enteredTime),
                ["Name"] = _stateName,
                ["RetryCount"] = _retryCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = _execution.StateMachineId,
                ["Name"] = _execution.StateMachineName,
            },
        };
        if (_mapItem is { } item)
        {
            context["Map"] = new JsonObject
            {
                ["Item"] = new JsonObject { ["Index"] = item.Index, ["Value"] = JsonText.Clone(item.Value) },
            };
        }

        return context;
    }
#pragma warning restore CA1507
}

/// <summary>The fixed facts of one execution.</summary>
internal sealed record ExecutionIdentity(
    string ExecutionId,
    string ExecutionName,
    string StateMachineId,
    string StateMachineName,
    string RoleArn,
    DateTimeOffset StartTime,
    JsonNode? Input);
