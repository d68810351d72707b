using System.Text.Json;
using Apache.Arrow;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Batches;

/// <summary>Turns JSON records into an Arrow record batch, inferring the schema from the records.</summary>
public static class JsonBatches
{
    /// <summary>Builds one batch of <paramref name="records"/> (JSON objects) for <paramref name="table"/>.</summary>
    public static SourceBatch Build(string table, IReadOnlyList<JsonElement> records, string locator, IReadOnlyList<string> primaryKey) =>
        throw new NotImplementedException("JsonBatches.Build: being written (issue 10).");
}
