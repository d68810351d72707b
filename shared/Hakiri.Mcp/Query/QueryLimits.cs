namespace Hakiri.Mcp.Query;

/// <summary>
/// Caps on one tool call's result, so an agent's context is never flooded and a runaway query never holds the server.
/// A result that hits a cap is returned as far as it got, marked truncated, with a note saying which cap.
/// </summary>
public sealed record QueryLimits
{
    /// <summary>Rows returned when the call names no limit.</summary>
    public int DefaultRows { get; init; } = 100;

    /// <summary>The most rows a call may ask for.</summary>
    public int MaxRows { get; init; } = 1000;

    /// <summary>The most bytes of row JSON a result may carry.</summary>
    public int MaxBytes { get; init; } = 256 * 1024;

    /// <summary>How long a query may run before it is interrupted.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
