namespace Hakiri.Sync;

/// <summary>Names shared by every part of the sync protocol (documented in docs/sync.md).</summary>
public static class SyncProtocol
{
    /// <summary>The protocol version written into every remote document.</summary>
    public const int Version = 1;
}
