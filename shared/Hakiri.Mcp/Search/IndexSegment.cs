namespace Hakiri.Mcp.Search;

/// <summary>One opened sidecar and the live data file it indexes.</summary>
internal sealed record IndexSegment<T>(string DataPath, string AbsoluteDataPath, long DataRows, T Segment);
