using Apache.Arrow;
using Hakiri.Connectors.Contract;
using Hakiri.Wasm.Host;
using Hakiri.Wasm.Tests.Support;

namespace Hakiri.Wasm.Tests;

public sealed class WasmSourceConnectorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DiscoverAsync_HonestGuest_LiftsTheTableSchema(bool cm32p2)
    {
        using var connector = Support.Guests.Connect(new TestGuest { Cm32p2 = cm32p2 }.Build());

        var table = Assert.Single(await connector.DiscoverAsync());

        Assert.Equal("items", table.Name);
        Assert.Equal("Items for sale", table.Description);
        Assert.Equal(
            [new ColumnDefinition("id", ColumnType.Int64, false, null), new ColumnDefinition("name", ColumnType.Utf8, true, "the name")],
            table.Columns);
        Assert.Equal(["id"], table.PrimaryKey);
        Assert.Equal(cm32p2 ? "cm32p2" : "legacy", connector.Module.Naming);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NextAsync_HonestGuest_ReturnsTwoBatchesWithCursorsThenNull(bool cm32p2)
    {
        var host = new RecordingHost();
        using var connector = Support.Guests.Connect(new TestGuest { Cm32p2 = cm32p2 }.Build(), host: host);
        var table = Assert.Single(await connector.DiscoverAsync());
        await using var reader = await connector.OpenAsync("items", null);

        var first = await reader.NextAsync();
        Assert.NotNull(first);
        Assert.Equal([1L, 2L], ((Int64Array)first.Records.Column(0)).Values.ToArray());
        var names = (StringArray)first.Records.Column(1);
        Assert.Equal("ā", names.GetString(0));
        Assert.True(names.IsNull(1));
        Assert.Equal("page 1", first.Locator);
        Assert.Same(table, first.Schema);
        Assert.Equal([1], reader.Cursor.ToArray());
        Assert.True(reader.HasMore);

        var second = await reader.NextAsync();
        Assert.NotNull(second);
        Assert.Equal([3L], ((Int64Array)second.Records.Column(0)).Values.ToArray());
        Assert.Equal("page 2", second.Locator);
        Assert.Equal([2], reader.Cursor.ToArray());
        Assert.False(reader.HasMore);

        Assert.Null(await reader.NextAsync());
        Assert.False(reader.HasMore);
        Assert.Equal([2], reader.Cursor.ToArray());
        Assert.Equal(2, host.Logs.Count(l => l.Message == "post next"));
    }

    [Fact]
    public async Task OpenAsync_WithCursor_ResumesAfterIt()
    {
        using var connector = Support.Guests.Connect(new TestGuest().Build());
        await using var reader = await connector.OpenAsync("items", new byte[] { 1 });

        var batch = await reader.NextAsync();

        Assert.NotNull(batch);
        Assert.Equal([3L], ((Int64Array)batch.Records.Column(0)).Values.ToArray());
        Assert.Null(await reader.NextAsync());
    }

    [Fact]
    public async Task DisposeAsync_Reader_RunsTheGuestDestructorWithTheRep()
    {
        var host = new RecordingHost();
        using var connector = Support.Guests.Connect(new TestGuest().Build(), host: host);
        var reader = await connector.OpenAsync("items", null);

        await reader.DisposeAsync();

        Assert.Contains((GuestLogLevel.Info, "dropped"), host.Logs);
    }

    [Fact]
    public async Task NextAsync_StreamWithSeveralRecordBatches_ConcatenatesThemIntoOneBatch()
    {
        var guest = new TestGuest();
        guest.Batches[0] = TwoBatchStream();
        using var connector = Support.Guests.Connect(guest.Build());
        await using var reader = await connector.OpenAsync("items", null);

        var batch = await reader.NextAsync();

        Assert.NotNull(batch);
        Assert.Equal([1L, 2L, 10L], ((Int64Array)batch.Records.Column(0)).Values.ToArray());
        Assert.Equal("x", ((StringArray)batch.Records.Column(1)).GetString(2));
    }

    [Fact]
    public async Task NextAsync_TableDeclaredWithoutColumns_TakesTheSchemaFromArrow()
    {
        var guest = new TestGuest { Patch = image => image.Pair(0x1014, 0x1100, 0) };
        using var connector = Support.Guests.Connect(guest.Build());
        await using var reader = await connector.OpenAsync("items", null);

        var batch = await reader.NextAsync();

        Assert.NotNull(batch);
        Assert.Equal(
            [new ColumnDefinition("id", ColumnType.Int64, false), new ColumnDefinition("name", ColumnType.Utf8, true)],
            batch.Schema.Columns);
    }

    [Fact]
    public async Task DiscoverAsync_DecimalAndStringList_MapToContractTypes()
    {
        var guest = new TestGuest
        {
            Patch = image =>
            {
                image.Bytes(0x1108, [3, 38, 10]);
                image.U8(0x1120, 9);
            },
        };
        using var connector = Support.Guests.Connect(guest.Build());

        var table = Assert.Single(await connector.DiscoverAsync());

        Assert.Equal(ColumnType.Decimal(38, 10), table.Columns[0].Type);
        Assert.Equal(ColumnKind.List, table.Columns[1].Type.Kind);
    }

    [Fact]
    public async Task NextAsync_TwoReadersAtOnce_AreSerializedOnTheOneStore()
    {
        using var connector = Support.Guests.Connect(new TestGuest().Build());
        await using var first = await connector.OpenAsync("items", null);
        await using var second = await connector.OpenAsync("items", null);

        var batches = await Task.WhenAll(first.NextAsync().AsTask(), second.NextAsync().AsTask());

        // The guest keeps one counter: whichever reader ran first got page 1, the other page 2.
        Assert.Equal(3, batches.Sum(b => b!.Records.Length));
    }

    [Fact]
    public async Task AcknowledgeAsync_ClockMatches_Succeeds()
    {
        var host = new RecordingHost { Clock = 1_234_567_890_123 };
        using var connector = Support.Guests.Connect(new TestGuest().Build(), host: host);

        await connector.AcknowledgeAsync("items", BitConverter.GetBytes(1_234_567_890_123UL));
    }

    [Fact]
    public async Task AcknowledgeAsync_GuestReturnsErrors_ThrowsTheMatchingKinds()
    {
        var host = new RecordingHost { Clock = 5 };
        using var connector = Support.Guests.Connect(new TestGuest().Build(), host: host);

        var mismatch = await Assert.ThrowsAsync<ConnectorException>(() => connector.AcknowledgeAsync("items", BitConverter.GetBytes(6UL)).AsTask());
        var rateLimited = await Assert.ThrowsAsync<ConnectorException>(() => connector.AcknowledgeAsync("items", ReadOnlyMemory<byte>.Empty).AsTask());
        var expired = await Assert.ThrowsAsync<ConnectorException>(() => connector.AcknowledgeAsync("items", new byte[] { 9 }).AsTask());

        Assert.Equal(ConnectorErrorKind.Permanent, mismatch.Kind);
        Assert.Equal("connector demo failed in acknowledge of table items: clock mismatch", mismatch.Message);
        Assert.Equal(ConnectorErrorKind.RateLimited, rateLimited.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), rateLimited.RetryAfter);
        Assert.Equal(ConnectorErrorKind.AuthExpired, expired.Kind);
        Assert.EndsWith(": token expired", expired.Message);
        Assert.Null(expired.Limit);

        // Error results are the guest speaking, not a fault: the instance keeps working.
        await connector.AcknowledgeAsync("items", BitConverter.GetBytes(5UL));
    }

    private static byte[] TwoBatchStream()
    {
        var first = new Apache.Arrow.Ipc.ArrowStreamReader(TestGuest.Arrow(1, ["a", "b"])).ReadNextRecordBatch();
        var second = new Apache.Arrow.Ipc.ArrowStreamReader(TestGuest.Arrow(10, ["x"])).ReadNextRecordBatch();
        using var stream = new MemoryStream();
        using (var writer = new Apache.Arrow.Ipc.ArrowStreamWriter(stream, first.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(first);
            writer.WriteRecordBatch(second);
            writer.WriteEnd();
        }

        return stream.ToArray();
    }
}
