using Hakiri.Model.Manifests;
using Hakiri.Access.Audit;
using Hakiri.Access.Policy;
using Hakiri.Store;

namespace Hakiri.Audit.Tests;

/// <summary>Records and a store folder the tests write and ask about.</summary>
internal static class AuditRecords
{
    public static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public static AuditRecord Read(
        string agent, DateTimeOffset time, string table, string[] keys, bool complete = true, string? token = "tok-1", string tool = "context.query") =>
        new(time, new Subject(agent, "laptop", "ana@example.com", "task-7"), token, tool, [table], keys.Length,
            keys.Select(k => new AuditKey(table, k)).ToArray(), complete);

    public static StoreLayout Layout(Testing.TempDirectory dir) => new(dir.Combine(".hakiri"));

    public static AuditOptions Options(AuditKeyMode mode = AuditKeyMode.Hashed, int fold = 10_000) =>
        new() { KeyMode = mode, FoldThreshold = fold, Clock = new FixedClock(Noon.AddHours(1)) };

    public static string[] JournalFiles(StoreLayout layout) =>
        Directory.Exists(layout.Absolute("audit/journal")) ? Directory.GetFiles(layout.Absolute("audit/journal")) : [];

    /// <summary>The day partitions' Parquet files (not their key indexes).</summary>
    public static string[] ParquetFiles(StoreLayout layout) =>
        Directory.Exists(layout.Absolute("audit"))
            ? Directory.GetFiles(layout.Absolute("audit"), "*.parquet", SearchOption.AllDirectories).Where(f => !f.Contains("/keys/", StringComparison.Ordinal)).ToArray()
            : [];

    public static string[] KeyIndexFiles(StoreLayout layout) =>
        Directory.Exists(layout.Absolute("audit/keys")) ? Directory.GetFiles(layout.Absolute("audit/keys"), "*.parquet", SearchOption.AllDirectories) : [];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
