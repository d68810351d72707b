using Hakiri.Access.Policy;
using Hakiri.DuckDb;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Testing;

namespace Hakiri.Memory.Tests;

public sealed class MemoryStoreTests : IDisposable
{
    private static readonly Subject Bot = new("support-bot", "laptop-7", "ana@example.com", "t-1");
    private readonly TempDirectory _root = new();
    private readonly StoreLayout _layout;
    private readonly MemoryStore _memory;

    public MemoryStoreTests()
    {
        _layout = new StoreLayout(_root.Combine(".hakiri"));
        _memory = new MemoryStore(_layout);
    }

    public void Dispose()
    {
        _memory.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task WriteAsync_OneNote_DuckDbReadsTheRowWithSubjectAndProvenance()
    {
        var id = await _memory.WriteAsync(Bot, "Ana prefers invoices in EUR — Größe ünd 日本", ["billing", "ana"], MemoryTable.McpSource);

        using var catalog = CatalogDatabase.Open(_layout);
        var files = catalog.ListFiles(MemoryTable.Name);
        var run = catalog.GetRun(files.Single().RunId)!;
        using var duck = DuckDbDatabase.Open();
        using var connection = duck.Connect();
        using var reader = connection.Query(
            $"SELECT id, text, array_to_string(tags, ','), agent, host, on_behalf_of, task_id, typeof(created_at), _hakiri_run_id, _hakiri_source, _hakiri_record, typeof(_hakiri_ingested_at) FROM read_parquet('{_layout.Absolute(files[0].Path)}')");
        Assert.True(reader.Read());
        Assert.Equal(id, reader.GetString(0));
        Assert.Equal("Ana prefers invoices in EUR — Größe ünd 日本", reader.GetString(1));
        Assert.Equal("billing,ana", reader.GetString(2));
        Assert.Equal(["support-bot", "laptop-7", "ana@example.com", "t-1"], [reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", reader.GetString(7));
        Assert.Equal(run.RunId, reader.GetString(8));
        Assert.Equal(MemoryTable.McpSource, reader.GetString(9));
        Assert.Equal(1, reader.GetInt64(10));
        Assert.False(reader.Read());
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(1, run.RowsWritten);
        Assert.StartsWith("mem_", id, StringComparison.Ordinal);
        Assert.Equal(["fts"], catalog.ListIndexSegments(MemoryTable.Name).Select(s => s.Kind));
    }

    [Fact]
    public async Task WriteAsync_EmptyText_RefusedAndNothingWritten()
    {
        var e = await Assert.ThrowsAsync<MemoryException>(() => _memory.WriteAsync(Bot, "  ", [], MemoryTable.McpSource));

        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.Empty(MemoryReader.List(_layout));
    }

    [Fact]
    public async Task DeleteAsync_OneId_TextGoneFromEveryFileOfTheStore()
    {
        const string Secret = "zebracorn-passphrase-7731";
        var keep = await _memory.WriteAsync(Bot, "the office wifi is called hakiri-guest", ["office"], MemoryTable.McpSource);
        var gone = await _memory.WriteAsync(Bot, $"remember {Secret} for the vault", ["vault"], MemoryTable.McpSource);
        Assert.True(StoreBytesContain("zebracorn"));

        var deletion = await _memory.DeleteAsync([gone]);

        Assert.Equal([gone], deletion.Ids);
        Assert.False(StoreBytesContain("zebracorn"));
        Assert.Equal([keep], MemoryReader.List(_layout).Select(r => r.Id));
        using var catalog = CatalogDatabase.Open(_layout);
        var live = catalog.ListFiles(MemoryTable.Name).Select(f => f.Path).ToHashSet();
        Assert.All(catalog.ListIndexSegments(MemoryTable.Name), s => Assert.Contains(s.DataPath, live));
    }

    [Fact]
    public async Task DeleteAsync_AnotherAgentsRow_RefusedAndKept()
    {
        var id = await _memory.WriteAsync(new Subject("other-bot"), "the other bot's note", [], MemoryTable.McpSource);

        var e = await Assert.ThrowsAsync<MemoryException>(() => _memory.DeleteAsync([id], owner: Bot.Agent));

        Assert.True(e.Refused);
        Assert.Contains("other-bot", e.Message, StringComparison.Ordinal);
        Assert.Single(MemoryReader.List(_layout));
        Assert.Equal([id], (await _memory.DeleteAsync([id], owner: "other-bot")).Ids);
    }

    [Fact]
    public async Task DeleteAsync_UnknownId_RefusedWithNothingDeleted()
    {
        var id = await _memory.WriteAsync(Bot, "a note", [], MemoryTable.McpSource);

        var e = await Assert.ThrowsAsync<MemoryException>(() => _memory.DeleteAsync([id, "mem_000000000000aaaaaaaaaa"]));

        Assert.False(e.Refused);
        Assert.Contains("mem_000000000000aaaaaaaaaa", e.Message, StringComparison.Ordinal);
        Assert.Single(MemoryReader.List(_layout));
    }

    [Fact]
    public async Task DeleteAgentAsync_OneAgent_OnlyItsRowsGo()
    {
        await _memory.WriteAsync(Bot, "bot note one", [], MemoryTable.McpSource);
        await _memory.WriteAsync(new Subject("planner"), "planner note", [], MemoryTable.McpSource);
        await _memory.WriteAsync(Bot, "bot note two", [], MemoryTable.McpSource);

        var deletion = await _memory.DeleteAgentAsync(Bot.Agent);

        Assert.Equal(2, deletion.Ids.Count);
        Assert.Equal(["planner"], MemoryReader.List(_layout).Select(r => r.Writer.Agent));
    }

    [Fact]
    public async Task DeleteAsync_NoMemoryTable_SaysSo()
    {
        var e = await Assert.ThrowsAsync<MemoryException>(() => _memory.DeleteAsync(["mem_000000000000aaaaaaaaaa"]));

        Assert.Contains("no memory table yet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_PastCompactAt_MergesFilesAndKeepsEveryRow()
    {
        using var memory = new MemoryStore(_layout, new MemoryStoreOptions { CompactAt = 3 });
        for (var i = 0; i < 5; i++)
        {
            await memory.WriteAsync(Bot, $"note number {i}", [], MemoryTable.McpSource);
        }

        using var catalog = CatalogDatabase.Open(_layout);
        Assert.InRange(catalog.ListFiles(MemoryTable.Name).Count, 1, 3);
        Assert.Equal(5, MemoryReader.List(_layout).Count);
        Assert.Equal(catalog.ListFiles(MemoryTable.Name).Count, catalog.ListIndexSegments(MemoryTable.Name).Count);
    }

    [Fact]
    public async Task WriteAsync_StoreHeldByARun_RefusedWithASentenceAndNothingWritten()
    {
        using var memory = new MemoryStore(_layout, new MemoryStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(300) });
        using (await StoreLock.AcquireAsync(_layout, TimeSpan.FromSeconds(5)))
        {
            var e = await Assert.ThrowsAsync<MemoryException>(() => memory.WriteAsync(Bot, "while a run holds the store", [], MemoryTable.McpSource));

            Assert.Contains("is busy", e.Message, StringComparison.Ordinal);
        }

        Assert.Empty(MemoryReader.List(_layout));
    }

    [Fact]
    public async Task Export_EveryAgent_ManifestCountsRowsAndNamesAgents()
    {
        await _memory.WriteAsync(Bot, "bot note", ["a"], MemoryTable.McpSource);
        await _memory.WriteAsync(new Subject("planner"), "planner note", [], MemoryTable.McpSource);
        var tar = _root.Combine("out", "all.tar");

        var result = MemoryExport.Write(_layout, null, tar);

        Assert.Equal(2, result.Count);
        Assert.Equal(["planner", "support-bot"], result.Agents);
        using var stream = File.OpenRead(tar);
        using var reader = new System.Formats.Tar.TarReader(stream);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Equal([MemoryExport.ParquetEntry, MemoryExport.ManifestEntry], names);
    }

    private bool StoreBytesContain(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(_layout.Root, "*", SearchOption.AllDirectories)
            .Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
    }
}
