using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hakiri.Functions.Azure.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace Hakiri.Functions.Azure.Functions;

/// <summary><c>POST /api/runs</c> starts a run (202, its id and status URL); <c>GET /api/runs/{id}</c> tells how it went.</summary>
internal sealed class RunsHttp(AppRuntime runtime)
{
    [Function("StartRun")]
    public async Task<HttpResponseData> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequestData request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await new StreamReader(request.Body).ReadToEndAsync(request.FunctionContext.CancellationToken).ConfigureAwait(false);
        var run = RunStarter.Read(body, runtime.Store.Manifest, out var error);
        if (run is null)
        {
            return await AnswerAsync(request, HttpStatusCode.BadRequest, new ErrorAnswer(error!), AppJson.Default.ErrorAnswer).ConfigureAwait(false);
        }

        var runId = await RunStarter.StartAsync(client, run, TimeProvider.System, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        var status = new Uri(request.Url, $"/api/runs/{runId}").ToString();
        var response = await AnswerAsync(request, HttpStatusCode.Accepted, new RunStarted(runId, status), AppJson.Default.RunStarted).ConfigureAwait(false);
        response.Headers.Add("Location", status);
        return response;
    }

    [Function("GetRun")]
    public static async Task<HttpResponseData> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var status = RunStarter.Status(await client.GetInstanceAsync(id, getInputsAndOutputs: true, request.FunctionContext.CancellationToken).ConfigureAwait(false));
        return status is null
            ? await AnswerAsync(request, HttpStatusCode.NotFound, new ErrorAnswer($"There is no run {id}; POST /api/runs answers with the id of the run it starts."), AppJson.Default.ErrorAnswer).ConfigureAwait(false)
            : await AnswerAsync(request, HttpStatusCode.OK, status, AppJson.Default.RunStatus).ConfigureAwait(false);
    }

    private static async Task<HttpResponseData> AnswerAsync<T>(HttpRequestData request, HttpStatusCode code, T value, JsonTypeInfo<T> type)
    {
        var response = request.CreateResponse(code);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteStringAsync(JsonSerializer.Serialize(value, type)).ConfigureAwait(false);
        return response;
    }
}
