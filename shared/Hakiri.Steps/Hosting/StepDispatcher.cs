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
    public static IReadOnlyList<string> Handlers { get; } = ["discover", "pull-batch", "write", "compact", "index"];

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
                "discover" => JsonSerializer.Serialize(
                    await DiscoverStep.RunAsync(context, Read(inputJson, StepsJsonContext.Default.DiscoverInput), cancellationToken).ConfigureAwait(false),
                    StepsJsonContext.Default.DiscoverOutput),
                "pull-batch" => JsonSerializer.Serialize(
                    await PullBatchStep.RunAsync(context, Read(inputJson, StepsJsonContext.Default.PullBatchInput), cancellationToken).ConfigureAwait(false),
                    StepsJsonContext.Default.PullBatchOutput),
                "write" => JsonSerializer.Serialize(
                    await WriteStep.RunAsync(context, Read(inputJson, StepsJsonContext.Default.TableStepInput), cancellationToken).ConfigureAwait(false),
                    StepsJsonContext.Default.WriteOutput),
                "compact" => JsonSerializer.Serialize(
                    await CompactStep.RunAsync(context, Read(inputJson, StepsJsonContext.Default.TableStepInput), cancellationToken).ConfigureAwait(false),
                    StepsJsonContext.Default.CompactOutput),
                "index" => JsonSerializer.Serialize(
                    await IndexStep.RunAsync(context, Read(inputJson, StepsJsonContext.Default.TableStepInput), cancellationToken).ConfigureAwait(false),
                    StepsJsonContext.Default.IndexOutput),
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
