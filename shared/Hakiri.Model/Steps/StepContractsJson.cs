using System.Text.Json.Serialization;

namespace Hakiri.Model.Steps;

/// <summary>Serializes the step contracts (AOT-safe); every host and the run's output collector read and write through it.</summary>
[JsonSerializable(typeof(DiscoverInput))]
[JsonSerializable(typeof(DiscoverOutput))]
[JsonSerializable(typeof(PullBatchInput))]
[JsonSerializable(typeof(PullBatchOutput))]
[JsonSerializable(typeof(TableStepInput))]
[JsonSerializable(typeof(WriteOutput))]
[JsonSerializable(typeof(CompactOutput))]
[JsonSerializable(typeof(IndexOutput))]
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
public sealed partial class StepContractsJson : JsonSerializerContext;
