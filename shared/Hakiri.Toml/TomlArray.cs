using System.Collections;

namespace Hakiri.Toml;

/// <summary>A TOML array (inline <c>[…]</c>, or an array of tables <c>[[…]]</c>).</summary>
public sealed class TomlArray : TomlNode, IReadOnlyList<TomlNode>
{
    private readonly List<TomlNode> _items = [];

    /// <summary>Creates an empty array.</summary>
    /// <param name="position">Where the array was written.</param>
    /// <param name="isArrayOfTables">Whether the array was declared with <c>[[…]]</c> headers.</param>
    public TomlArray(TomlPosition position, bool isArrayOfTables = false) : base(position) => IsArrayOfTables = isArrayOfTables;

    /// <summary>Whether the array was declared with <c>[[…]]</c> headers (and so may still be appended to).</summary>
    public bool IsArrayOfTables { get; }

    /// <inheritdoc />
    public override TomlKind Kind => TomlKind.Array;

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public TomlNode this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<TomlNode> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(TomlNode item) => _items.Add(item);
}
