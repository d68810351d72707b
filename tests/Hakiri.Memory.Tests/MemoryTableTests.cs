namespace Hakiri.Memory.Tests;

public sealed class MemoryTableTests
{
    [Fact]
    public void Name_IsMemory() => Assert.Equal("memory", MemoryTable.Name);
}
