using Hakiri.Store;
using Hakiri.Store.Catalog;

namespace Hakiri.Memory;

/// <summary>The store's memory table: where agents' notes live as rows the user owns.</summary>
public static class MemoryTable
{
    /// <summary>The table's name; no pipeline may use it.</summary>
    public const string Name = "memory";

    /// <summary>What the catalog records as the table's connector (its rows come from agents, not from a source).</summary>
    public const string Connector = "memory";

    /// <summary>The provenance source of rows written through the MCP tool.</summary>
    public const string McpSource = "mcp:memory.write";

    /// <summary>The table's columns in stored order, provenance last.</summary>
    public static IReadOnlyList<ColumnSchema> Columns { get; } =
    [
        new("id", "VARCHAR"),
        new("text", "VARCHAR"),
        new("tags", "VARCHAR[]"),
        new("agent", "VARCHAR"),
        new("host", "VARCHAR"),
        new("on_behalf_of", "VARCHAR"),
        new("task_id", "VARCHAR"),
        new("created_at", "TIMESTAMP WITH TIME ZONE"),
        new(ProvenanceColumns.RunId, "VARCHAR"),
        new(ProvenanceColumns.Source, "VARCHAR"),
        new(ProvenanceColumns.Record, "BIGINT"),
        new(ProvenanceColumns.IngestedAt, "TIMESTAMP WITH TIME ZONE"),
    ];

    /// <summary>The table as the catalog records it (counts are recomputed on commit).</summary>
    internal static TableRecord Record(string runId) => new(
        Name, Name, Connector, "Notes and facts agents chose to remember, one row per memory.write; the user can list, export and delete them.",
        ["id"], Columns, 0, 0, 0, runId, null);
}
