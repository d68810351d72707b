namespace Hakiri.Wasm.Abi;

/// <summary>
/// The canonical ABI's memory layout of a WIT type (CanonicalABI.md, <c>alignment</c>/<c>elem_size</c>): only the
/// shapes <c>wit/connector.wit</c> uses. Offsets are computed here once, so the lifting code never hard-codes them.
/// </summary>
internal abstract class AbiType
{
    public abstract int Size { get; }

    public abstract int Alignment { get; }

    public static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;
}

/// <summary>A fixed-size scalar: bool/u8/enum-like 1, u16 2, u32 4, u64 8.</summary>
internal sealed class ScalarType(int size) : AbiType
{
    public override int Size => size;

    public override int Alignment => size;
}

/// <summary><c>string</c> and <c>list&lt;T&gt;</c>: a (pointer, length) pair of u32.</summary>
internal sealed class ListType(AbiType? element) : AbiType
{
    /// <summary>The element type; <see langword="null"/> for <c>string</c> (UTF-8 bytes).</summary>
    public AbiType? Element => element;

    public int ElementSize => element?.Size ?? 1;

    public int ElementAlignment => element?.Alignment ?? 1;

    public override int Size => 8;

    public override int Alignment => 4;
}

/// <summary>A record or tuple: fields in order, each at its own alignment.</summary>
internal sealed class RecordType : AbiType
{
    private readonly int[] _offsets;

    public RecordType(params AbiType[] fields)
    {
        Fields = fields;
        _offsets = new int[fields.Length];
        var offset = 0;
        var alignment = 1;
        for (var i = 0; i < fields.Length; i++)
        {
            offset = AlignTo(offset, fields[i].Alignment);
            _offsets[i] = offset;
            offset += fields[i].Size;
            alignment = Math.Max(alignment, fields[i].Alignment);
        }

        Alignment = alignment;
        Size = AlignTo(offset, alignment);
    }

    public IReadOnlyList<AbiType> Fields { get; }

    public override int Size { get; }

    public override int Alignment { get; }

    public int Offset(int field) => _offsets[field];
}

/// <summary>
/// A variant, option, result or enum: a discriminant sized by the case count, then the payload at the largest case
/// alignment. A <see langword="null"/> case has no payload.
/// </summary>
internal sealed class VariantType : AbiType
{
    public VariantType(params AbiType?[] cases)
    {
        Cases = cases;
        DiscriminantSize = cases.Length <= 1 << 8 ? 1 : cases.Length <= 1 << 16 ? 2 : 4;
        var caseAlignment = cases.Max(c => c?.Alignment ?? 1);
        var caseSize = cases.Max(c => c?.Size ?? 0);
        PayloadOffset = AlignTo(DiscriminantSize, caseAlignment);
        Alignment = Math.Max(DiscriminantSize, caseAlignment);
        Size = AlignTo(PayloadOffset + caseSize, Alignment);
    }

    public IReadOnlyList<AbiType?> Cases { get; }

    public int DiscriminantSize { get; }

    public int PayloadOffset { get; }

    public override int Size { get; }

    public override int Alignment { get; }

    public static VariantType Option(AbiType some) => new(null, some);

    public static VariantType Result(AbiType? ok, AbiType? error) => new(ok, error);
}
