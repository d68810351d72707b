using System.Text.Json;

namespace Hakiri.Connectors.Tests.Batches;

/// <summary>Test records from JSON text.</summary>
internal static class Json
{
    /// <summary>The elements of a JSON array (the document stays alive with them).</summary>
    public static JsonElement[] Records(string array) => JsonDocument.Parse(array).RootElement.EnumerateArray().ToArray();
}
