using System.Collections.Concurrent;
using System.Text.Json;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;

namespace Hakiri.Orchestration.Durable.Tests.Support;

/// <summary>An injected fault: the first <paramref name="Times"/> calls of a step for a table fail with an error name.</summary>
public sealed record Fault(string Step, string Table, string Error, int Times);

/// <summary>
/// Wraps a step host: records every call (step, table) in order and fails the calls a <see cref="Fault"/> names, so
/// the emulator run and the Durable run see the same faults at the same points.
/// </summary>
internal sealed class FaultingStepHost(IStepHost inner, Fault? fault) : IStepHost
{
    private readonly ConcurrentQueue<(string Step, string? Table)> _calls = new();
    private int _failed;

    public IReadOnlyList<(string Step, string? Table)> Calls => [.. _calls];

    public async Task<string> InvokeAsync(string handler, string inputJson, CancellationToken cancellationToken = default)
    {
        var table = TableOf(inputJson);
        _calls.Enqueue((handler, table));
        if (fault is not null && fault.Step == handler && fault.Table == table && Interlocked.Increment(ref _failed) <= fault.Times)
        {
            throw new StepFailedException(fault.Error, $"injected {fault.Error} fault on {handler} (call {_failed})");
        }

        return await inner.InvokeAsync(handler, inputJson, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static string? TableOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("table", out var table) ? table.GetString() : null;
    }
}
