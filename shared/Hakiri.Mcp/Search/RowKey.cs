namespace Hakiri.Mcp.Search;

/// <summary>A stored row's identity as its provenance gives it: the run that wrote it, its source, its record number there.</summary>
internal readonly record struct RowKey(string RunId, string Source, long Record);
