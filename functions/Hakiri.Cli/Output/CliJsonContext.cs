using System.Text.Json.Serialization;
using Hakiri.Runner;

namespace Hakiri.Cli.Output;

[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(string))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
internal sealed partial class CliJsonContext : JsonSerializerContext;
