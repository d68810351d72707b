namespace Hakiri.Sync.Tests;

public sealed class SyncProtocolTests
{
    [Fact]
    public void Version_IsFirst() => Assert.Equal(1, SyncProtocol.Version);
}
