using Hakiri.Access.Policy;

namespace Hakiri.Memory;

/// <summary>One stored memory.</summary>
/// <param name="Id">Its id (<c>mem_</c> + time-sortable hex).</param>
/// <param name="Text">What the agent wrote.</param>
/// <param name="Tags">Its tags, possibly none.</param>
/// <param name="Writer">Who wrote it: the subject of the writer's token.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="RunId">The run record of the write.</param>
/// <param name="Source">Where it came from, e.g. <c>mcp:memory.write</c>.</param>
public sealed record MemoryRow(string Id, string Text, IReadOnlyList<string> Tags, Subject Writer, DateTimeOffset CreatedAt, string RunId, string Source);

/// <summary>What a deletion did.</summary>
/// <param name="Ids">The ids of the rows removed.</param>
/// <param name="FilesRewritten">Data files replaced (each by one without the rows, or by nothing when no row stayed).</param>
public sealed record MemoryDeletion(IReadOnlyList<string> Ids, int FilesRewritten);
