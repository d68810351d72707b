namespace Hakiri.Wasm.Tests.Support;

/// <summary>Creates connectors for the tests.</summary>
internal static class Guests
{
    public const string Name = "demo";

    public static WasmSourceConnector Connect(byte[] wasm, WasmLimits? limits = null, RecordingHost? host = null, string? cacheDirectory = null) =>
        new(Name, "0.1.0", wasm, limits, host ?? new RecordingHost(), cacheDirectory);

    /// <summary>Reads every batch of the honest guest's table: proves the process still runs guests after a hostile one.</summary>
    public static async Task<long> ReadAllRowsAsync()
    {
        using var connector = Connect(new TestGuest().Build());
        await using var reader = await connector.OpenAsync("items", null);
        long rows = 0;
        while (await reader.NextAsync() is { } batch)
        {
            rows += batch.Records.Length;
        }

        return rows;
    }
}
