namespace Hakiri.Memory;

/// <summary>The store's memory table: where agents' notes live as rows the user owns.</summary>
public static class MemoryTable
{
    /// <summary>The table's name; no pipeline may use it.</summary>
    public const string Name = "memory";
}
