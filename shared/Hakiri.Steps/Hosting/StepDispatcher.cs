using System.Text.Json;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Planning;

namespace Hakiri.Steps.Hosting;

/// <summary>
/// Runs a step by its handler name on a JSON input and returns its JSON output: the one entry point every host uses
/// (the local emulator in-process, the Lambda bootstrap, the Azure host).
/// </summary>
public static class StepDispatcher
{
    /// <summary>The handler names, in pipeline order.</summary>
    public static IReadOnlyList<string> Handlers => StepNames.All;

    /// <summary>Runs <paramref name="handler"/> on <paramref name="inputJson"/>.</summary>
    /// <exception cref="StepFailedException">The step failed, or the handler or input is not valid.</exception>
    public static async Task<string> InvokeAsync(string handler, string inputJson, StepContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return handler switch
            {
                StepNames.Discover => JsonSerializer.Serialize(
                    await DiscoverStep.RunAsync(context, Read(inputJson, StepContractsJson.Default.DiscoverInput), cancellationToken).ConfigureAwait(false),
                    StepContractsJson.Default.DiscoverOutput),
                StepNames.PullBatch => JsonSerializer.Serialize(
                    await PullBatchStep.RunAsync(context, Read(inputJson, StepContractsJson.Default.PullBatchInput), cancellationToken).ConfigureAwait(false),
                    StepContractsJson.Default.PullBatchOutput),
                StepNames.Write => JsonSerializer.Serialize(
                    await WriteStep.RunAsync(context, Read(inputJson, StepContractsJson.Default.TableStepInput), cancellationToken).ConfigureAwait(false),
                    StepContractsJson.Default.WriteOutput),
                StepNames.Compact => JsonSerializer.Serialize(
                    await CompactStep.RunAsync(context, Read(inputJson, StepContractsJson.Default.TableStepInput), cancellationToken).ConfigureAwait(false),
                    StepContractsJson.Default.CompactOutput),
                StepNames.Index => JsonSerializer.Serialize(
                    await IndexStep.RunAsync(context, Read(inputJson, StepContractsJson.Default.TableStepInput), cancellationToken).ConfigureAwait(false),
                    StepContractsJson.Default.IndexOutput),
                _ => throw new StepFailedException(StepErrors.Permanent, $"There is no step handler '{handler}'; handlers are {string.Join(", ", Handlers)}."),
            };
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            throw new StepFailedException(e is UnauthorizedAccessException ? StepErrors.Permanent : StepErrors.Transient, $"{handler}: {e.Message}", e);
        }
    }

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("the input is null");
        }
        catch (JsonException e)
        {
            throw new StepFailedException(StepErrors.Permanent, $"The step input is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
