using Hakiri.Wasm.Abi;

namespace Hakiri.Wasm.Tests.Abi;

/// <summary>The layouts against sizes worked out by hand from CanonicalABI.md.</summary>
public sealed class WitLayoutsTests
{
    public static TheoryData<string, int, int> Layouts => new()
    {
        { "column-type", 3, 1 },
        { "column", 24, 4 },
        { "table-schema", 36, 4 },
        { "batch", 28, 4 },
        { "connector-error", 16, 8 },
        { "option<batch>", 32, 4 },
        { "result<option<batch>, connector-error>", 40, 8 },
        { "result<list<table-schema>, connector-error>", 24, 8 },
        { "result<_, connector-error>", 24, 8 },
        { "option<string>", 12, 4 },
        { "option<u64>", 16, 8 },
        { "http-response", 20, 4 },
        { "result<http-response, connector-error>", 32, 8 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Layout_WitType_HasTheSpecSizeAndAlignment(string type, int size, int alignment)
    {
        AbiType layout = type switch
        {
            "column-type" => WitLayouts.ColumnType,
            "column" => WitLayouts.Column,
            "table-schema" => WitLayouts.TableSchema,
            "batch" => WitLayouts.Batch,
            "connector-error" => WitLayouts.ConnectorError,
            "option<batch>" => WitLayouts.OptionBatch,
            "result<option<batch>, connector-error>" => WitLayouts.NextResult,
            "result<list<table-schema>, connector-error>" => WitLayouts.DiscoverResult,
            "result<_, connector-error>" => WitLayouts.UnitResult,
            "option<string>" => WitLayouts.OptionString,
            "option<u64>" => WitLayouts.OptionU64,
            "http-response" => WitLayouts.HttpResponse,
            _ => WitLayouts.HttpResult,
        };

        Assert.Equal((size, alignment), (layout.Size, layout.Alignment));
    }

    [Fact]
    public void Layout_RecordFields_AreAlignedOneByOne()
    {
        Assert.Equal([0, 8, 11, 12], Enumerable.Range(0, 4).Select(WitLayouts.Column.Offset));
        Assert.Equal([0, 8, 20, 28], Enumerable.Range(0, 4).Select(WitLayouts.TableSchema.Offset));
        Assert.Equal([0, 8, 16, 24], Enumerable.Range(0, 4).Select(WitLayouts.Batch.Offset));
        Assert.Equal([0, 4, 12], Enumerable.Range(0, 3).Select(WitLayouts.HttpResponse.Offset));
        Assert.Equal(8, WitLayouts.NextResult.PayloadOffset);
        Assert.Equal(4, WitLayouts.OptionBatch.PayloadOffset);
        Assert.Equal(1, WitLayouts.ColumnType.PayloadOffset);
    }

    [Fact]
    public void Variant_ManyCases_WidensTheDiscriminant()
    {
        var wide = new VariantType(Enumerable.Repeat<AbiType?>(null, 257).ToArray());

        Assert.Equal(2, wide.DiscriminantSize);
        Assert.Equal((2, 2), (wide.Size, wide.Alignment));
    }
}
