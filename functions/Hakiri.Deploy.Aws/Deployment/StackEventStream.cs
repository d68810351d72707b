using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Deployment;

/// <summary>
/// Follows a stack while CloudFormation works on it: prints each new event once, oldest first, and returns the stack
/// when its status stops ending in <c>_IN_PROGRESS</c>.
/// </summary>
internal sealed class StackEventStream(CloudFormationClient cloudFormation, TextWriter output, TimeSpan pollInterval)
{
    private readonly List<StackEvent> _failures = [];
    private string? _lastEventId;

    /// <summary>Events that reported a failure, with CloudFormation's reason.</summary>
    public IReadOnlyList<StackEvent> Failures => _failures;

    /// <summary>Remembers the newest event so far, so only later ones are printed.</summary>
    public async Task MarkAsync(string stack, CancellationToken cancellationToken)
    {
        var events = await cloudFormation.DescribeStackEventsAsync(stack, null, cancellationToken).ConfigureAwait(false);
        _lastEventId = events.Count > 0 ? events[0].EventId : null;
    }

    /// <summary>Polls until the stack settles; <paramref name="stackId"/> is the ARN, which still answers after deletion.</summary>
    public async Task<StackDescription?> FollowAsync(string stackId, int expectedResources, CancellationToken cancellationToken)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var events = await cloudFormation.DescribeStackEventsAsync(stackId, _lastEventId, cancellationToken).ConfigureAwait(false);
            foreach (var stackEvent in events.Reverse())
            {
                Print(stackEvent, done, expectedResources);
            }

            if (events.Count > 0)
            {
                _lastEventId = events[0].EventId;
            }

            var stack = await cloudFormation.DescribeStackAsync(stackId, cancellationToken).ConfigureAwait(false);
            if (stack is null || !stack.IsInProgress)
            {
                return stack;
            }

            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Print(StackEvent stackEvent, HashSet<string> done, int expected)
    {
        var isStack = stackEvent.ResourceType == "AWS::CloudFormation::Stack";
        if (!isStack && stackEvent.ResourceStatus.EndsWith("_COMPLETE", StringComparison.Ordinal))
        {
            done.Add(stackEvent.LogicalResourceId);
        }

        if (stackEvent.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal) && stackEvent.ResourceStatusReason is { Length: > 0 })
        {
            _failures.Add(stackEvent);
        }

        var progress = isStack || expected == 0 ? "       " : $"[{Math.Min(done.Count, expected),2}/{expected,2}]";
        var reason = stackEvent.ResourceStatusReason is { Length: > 0 } r ? "  " + r : string.Empty;
        output.WriteLine($"{stackEvent.Timestamp.ToUniversalTime():HH:mm:ss} {progress} {stackEvent.ResourceStatus,-28} {stackEvent.ResourceType,-34} {stackEvent.LogicalResourceId}{reason}");
    }
}
