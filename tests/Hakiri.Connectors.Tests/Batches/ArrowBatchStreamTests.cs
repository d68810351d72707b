using Apache.Arrow;
using Hakiri.Connectors.Batches;

namespace Hakiri.Connectors.Tests.Batches;

public sealed class ArrowBatchStreamTests
{
    [Fact]
    public async Task ReadNextRecordBatchAsync_Batches_ServedInOrderThenNull()
    {
        var first = JsonBatches.Build("t", Json.Records("""[{"id": 1}]"""), "here", []).Records;
        var second = JsonBatches.Build("t", Json.Records("""[{"id": 2}, {"id": 3}]"""), "here", []).Records;
        using var stream = new ArrowBatchStream(first.Schema, [first, second]);

        Assert.Same(first, await stream.ReadNextRecordBatchAsync());
        Assert.Same(second, await stream.ReadNextRecordBatchAsync());
        Assert.Null(await stream.ReadNextRecordBatchAsync());
    }

    [Fact]
    public async Task ReadNextRecordBatchAsync_BatchWithOtherColumns_ThrowsNamingBoth()
    {
        var first = JsonBatches.Build("t", Json.Records("""[{"id": 1}]"""), "here", []).Records;
        var other = JsonBatches.Build("t", Json.Records("""[{"id": "x"}]"""), "here", []).Records;
        using var stream = new ArrowBatchStream(first.Schema, [other]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await stream.ReadNextRecordBatchAsync());

        Assert.Contains("id utf8", error.Message, StringComparison.Ordinal);
        Assert.Contains("id int64", error.Message, StringComparison.Ordinal);
    }
}
