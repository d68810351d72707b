using System.Text.Json;

namespace Hakiri.Connectors.Http;

/// <summary>One page of records. The page owns the parsed document its records live in: dispose it after use.</summary>
/// <param name="Document">The parsed body.</param>
/// <param name="Records">The page's records (after the plan's filter), elements of <see cref="Document"/>.</param>
/// <param name="Locator">The page URL without secrets.</param>
/// <param name="Cursor">The cursor that resumes right after this page.</param>
internal sealed record HttpPage(JsonDocument Document, IReadOnlyList<JsonElement> Records, string Locator, ReadOnlyMemory<byte> Cursor) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Document.Dispose();
}
