namespace Hakiri.Mcp.Tools;

/// <summary>
/// The tools' names. MCP allows letters, digits, <c>_</c>, <c>-</c> and <c>.</c> (the C# SDK checks
/// <c>^[A-Za-z0-9_.-]{1,128}$</c>), so the dotted names stand as the issue gave them.
/// </summary>
public static class ToolNames
{
    /// <summary>Lists the store's tables.</summary>
    public const string ListTables = "context.list_tables";

    /// <summary>Describes one table, with sample rows.</summary>
    public const string Describe = "context.describe";

    /// <summary>Runs one read-only query.</summary>
    public const string Query = "context.query";

    /// <summary>Stores one memory row.</summary>
    public const string MemoryWrite = "memory.write";

    /// <summary>Searches the memory table (context.query on it).</summary>
    public const string MemorySearch = "memory.search";

    /// <summary>Deletes one memory row for good.</summary>
    public const string MemoryDelete = "memory.delete";
}
