using System.Text.Json.Serialization;

namespace Hakiri.Memory;

[JsonSerializable(typeof(List<string>))]
internal sealed partial class MemoryJsonContext : JsonSerializerContext;
