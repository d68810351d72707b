namespace Hakiri.Audit.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void Assembly_Loads() => Assert.Equal("Hakiri.Audit", typeof(AuditPlaceholder).Assembly.GetName().Name);
}
