using System.Diagnostics.CodeAnalysis;

namespace Hakiri.Toml;

/// <summary>One key of a table: its name, where the key was written, and its value.</summary>
/// <param name="Key">The decoded key.</param>
/// <param name="KeyPosition">Where the key (its last dotted part) was written.</param>
/// <param name="Value">The value.</param>
public sealed record TomlEntry(string Key, TomlPosition KeyPosition, TomlNode Value);

/// <summary>A TOML table. Keys keep the order in which they were defined.</summary>
public sealed class TomlTable : TomlNode
{
    // Most tables hold a handful of keys, where a linear scan beats hashing and saves a dictionary per table.
    private const int IndexThreshold = 8;

    private readonly List<TomlEntry> _entries = [];
    private Dictionary<string, int>? _index;

    /// <summary>Creates an empty table.</summary>
    /// <param name="position">Where the table was declared (its header, first key, or <c>{</c>).</param>
    /// <param name="origin">How the table came to exist.</param>
    public TomlTable(TomlPosition position, TomlTableOrigin origin = TomlTableOrigin.Header) : base(position) => Origin = origin;

    /// <summary>How the table came to exist; the parser uses it to enforce TOML's redefinition rules.</summary>
    public TomlTableOrigin Origin { get; internal set; }

    /// <inheritdoc />
    public override TomlKind Kind => TomlKind.Table;

    /// <summary>The table's keys and values in definition order.</summary>
    public IReadOnlyList<TomlEntry> Entries => _entries;

    /// <summary>The number of keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of <paramref name="key"/>, or <see langword="null"/> when it is absent.</summary>
    public TomlNode? this[string key] => TryGetValue(key, out var value) ? value : null;

    /// <summary>Looks a key up.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out TomlNode? value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            value = _entries[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Looks an entry (key, key position and value) up.</summary>
    public bool TryGetEntry(string key, [NotNullWhen(true)] out TomlEntry? entry)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            entry = _entries[i];
            return true;
        }

        entry = null;
        return false;
    }

    internal void Add(string key, TomlPosition keyPosition, TomlNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IndexOf(key) >= 0)
        {
            throw new ArgumentException($"The table already has the key '{key}'.", nameof(key));
        }

        _index?.Add(key, _entries.Count);
        _entries.Add(new TomlEntry(key, keyPosition, value));
        if (_index is null && _entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_entries.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _entries.Count; i++)
            {
                _index.Add(_entries[i].Key, i);
            }
        }
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var i) ? i : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Turns a table implied by an earlier header into one declared by its own header.</summary>
    internal void Declare(TomlPosition headerPosition)
    {
        Origin = TomlTableOrigin.Header;
        Position = headerPosition;
    }

    /// <summary>Points an existing key at where its table was finally declared, rather than first implied.</summary>
    internal void MoveKey(string key, TomlPosition keyPosition)
    {
        var i = IndexOf(key);
        _entries[i] = _entries[i] with { KeyPosition = keyPosition };
    }
}

/// <summary>How a table came to exist in a document.</summary>
public enum TomlTableOrigin
{
    /// <summary>The document's root table.</summary>
    Root,

    /// <summary>Declared by a <c>[header]</c>.</summary>
    Header,

    /// <summary>Created implicitly as the parent of a header, e.g. <c>a</c> in <c>[a.b]</c>.</summary>
    Implicit,

    /// <summary>Created by a dotted key, e.g. <c>a</c> in <c>a.b = 1</c>.</summary>
    DottedKey,

    /// <summary>An inline table <c>{ … }</c>; closed once written.</summary>
    Inline,

    /// <summary>An element of an array of tables <c>[[header]]</c>.</summary>
    ArrayElement,
}
