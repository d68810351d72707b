using System.Security.Cryptography;
using System.Text;
using Hakiri.Model.Steps;
using Microsoft.DurableTask;

namespace Hakiri.Orchestration.Durable;

/// <summary>
/// Calls one step as an activity with the shared <see cref="StepRetryPolicy"/>: the first rule naming the error
/// retries it after its back-off (a durable timer) while that rule has retries left; anything else fails at once,
/// with the ASL Fail state's cause ("write failed for table orders: …").
/// </summary>
internal sealed class StepCaller(TaskOrchestrationContext context, double timerScale)
{
    private readonly List<StepRetry> _retries = [];

    /// <summary>The retries scheduled so far.</summary>
    public IReadOnlyList<StepRetry> Retries => _retries;

    public async Task<string> CallAsync(string step, string? table, string inputJson)
    {
        var retriesByRule = new int[StepRetryPolicy.Rules.Count];
        for (var attempt = 1; ; attempt++)
        {
            StepEnvelope envelope;
            try
            {
                envelope = StepEnvelope.Parse(await context.CallActivityAsync<string>(step, inputJson).ConfigureAwait(true));
            }
            catch (TaskFailedException e)
            {
                // Not a step failure but a crash of the activity itself: like an unhandled Lambda error, never retried.
                throw Failed(step, table, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage);
            }

            if (envelope.Error is null)
            {
                return envelope.Output ?? "{}";
            }

            var index = StepRetryPolicy.IndexOf(envelope.Error);
            if (index < 0 || retriesByRule[index] >= StepRetryPolicy.Rules[index].MaxAttempts)
            {
                throw Failed(step, table, envelope.Error, envelope.Cause ?? envelope.Error);
            }

            var delay = StepRetryPolicy.Rules[index].DelayBefore(retriesByRule[index], Jitter(step, table, attempt));
            retriesByRule[index]++;
            _retries.Add(new StepRetry(step, table, envelope.Error, retriesByRule[index], delay.TotalSeconds));
            await context.CreateTimer(context.CurrentUtcDateTime + delay * timerScale, CancellationToken.None).ConfigureAwait(true);
        }
    }

    private static PipelineRunFailedException Failed(string step, string? table, string error, string cause) =>
        new(error, table is null ? $"{step} failed: {cause}" : $"{step} failed for table {table}: {cause}");

    // Replay-safe jitter: the same run, step, table and attempt always draw the same number in [0, 1).
    private double Jitter(string step, string? table, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{context.InstanceId}\n{step}\n{table}\n{attempt}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
    }
}
