namespace Hakiri.DuckDb;

/// <summary>A DuckDB logical type, named the way DuckDB prints it (<c>typeof()</c>, <c>DESCRIBE</c>).</summary>
public sealed class DuckDbColumnType
{
    internal DuckDbColumnType(DuckDbTypeKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>The type id.</summary>
    public DuckDbTypeKind Kind { get; }

    /// <summary>
    /// The type as DuckDB spells it: <c>BIGINT</c>, <c>VARCHAR</c>, <c>DECIMAL(18,2)</c>, <c>TIMESTAMP WITH TIME ZONE</c>,
    /// <c>INTEGER[]</c>, <c>STRUCT(a INTEGER, b VARCHAR)</c>, <c>MAP(VARCHAR, INTEGER)</c>, or an alias such as <c>JSON</c>.
    /// </summary>
    public string Name { get; }

    /// <summary>The total number of digits of a <c>DECIMAL</c>; 0 for other types.</summary>
    public int Precision { get; internal init; }

    /// <summary>The digits after the decimal point of a <c>DECIMAL</c>; 0 for other types.</summary>
    public int Scale { get; internal init; }

    /// <summary>The .NET type <see cref="DuckDbReader.GetValue(int)"/> returns for a non-null value of this type.</summary>
    public Type ClrType => DuckDbValues.ClrTypeOf(this);

    /// <summary>How a DECIMAL or ENUM is stored: the integer type of its physical values.</summary>
    internal DuckDbTypeKind Storage { get; init; }

    /// <summary>The labels of an ENUM, by their stored index.</summary>
    internal string[] EnumLabels { get; init; } = [];

    /// <summary>The element type of a list or array; the key and value of a map; the fields of a struct or union.</summary>
    internal IReadOnlyList<(string Name, DuckDbColumnType Type)> Children { get; init; } = [];

    /// <summary>The fixed length of an ARRAY.</summary>
    internal int ArraySize { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
