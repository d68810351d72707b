using Hakiri.Functions.Azure.Hosting;
using Hakiri.Orchestration.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Hakiri.Functions.Azure.Functions;

/// <summary>
/// The eight timer slots: <c>Schedule&lt;n&gt;</c> fires on app setting <c>HAKIRI_SCHEDULE_&lt;n&gt;</c> (an NCRONTAB
/// expression) and starts a run of the pipeline app setting <c>HAKIRI_SCHEDULE_&lt;n&gt;_PIPELINE</c> names. An unused slot
/// has the expression <c>0 0 0 1 1 *</c> and <c>AzureWebJobs.Schedule&lt;n&gt;.Disabled = true</c>.
/// </summary>
internal sealed partial class Schedules(AppRuntime runtime, ILogger<Schedules> logger)
{
    [Function("Schedule1")]
    public Task Schedule1Async([TimerTrigger("%HAKIRI_SCHEDULE_1%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(1, client, cancellationToken);

    [Function("Schedule2")]
    public Task Schedule2Async([TimerTrigger("%HAKIRI_SCHEDULE_2%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(2, client, cancellationToken);

    [Function("Schedule3")]
    public Task Schedule3Async([TimerTrigger("%HAKIRI_SCHEDULE_3%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(3, client, cancellationToken);

    [Function("Schedule4")]
    public Task Schedule4Async([TimerTrigger("%HAKIRI_SCHEDULE_4%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(4, client, cancellationToken);

    [Function("Schedule5")]
    public Task Schedule5Async([TimerTrigger("%HAKIRI_SCHEDULE_5%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(5, client, cancellationToken);

    [Function("Schedule6")]
    public Task Schedule6Async([TimerTrigger("%HAKIRI_SCHEDULE_6%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(6, client, cancellationToken);

    [Function("Schedule7")]
    public Task Schedule7Async([TimerTrigger("%HAKIRI_SCHEDULE_7%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(7, client, cancellationToken);

    [Function("Schedule8")]
    public Task Schedule8Async([TimerTrigger("%HAKIRI_SCHEDULE_8%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        StartAsync(8, client, cancellationToken);

    private async Task StartAsync(int slot, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var pipeline = runtime.Settings.SchedulePipeline(slot);
        if (pipeline is null)
        {
            Unused(slot);
            return;
        }

        var runId = await RunStarter.StartAsync(client, new PipelineRunRequest([pipeline]), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        Started(slot, pipeline, runId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule{Slot} fired but HAKIRI_SCHEDULE_{Slot}_PIPELINE names no pipeline; set it or disable the slot.")]
    private partial void Unused(int slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule{Slot} started run {RunId} of pipeline {Pipeline}.")]
    private partial void Started(int slot, string pipeline, string runId);
}
