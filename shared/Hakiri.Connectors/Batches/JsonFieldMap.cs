using System.Text;
using System.Text.Json;

namespace Hakiri.Connectors.Batches;

/// <summary>
/// Maps the keys of JSON records to column positions, first-seen order, and gathers one record's values into a row
/// (absent keys stay <see cref="JsonValueKind.Undefined"/>; a repeated key keeps its last value). Records of one source
/// usually list their keys in the same order, so each key is first checked against the column seen at that position in
/// the previous record, which compares UTF-8 bytes and allocates nothing.
/// </summary>
internal sealed class JsonFieldMap
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<byte[]> _utf8Names = [];
    private readonly List<int> _lastOrder = [];
    private JsonElement[] _row = new JsonElement[16];

    /// <summary>Column names in first-seen order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The values of the record last passed to <see cref="Gather"/>, by column; valid up to <see cref="Names"/>.Count.</summary>
    public ReadOnlySpan<JsonElement> Row => _row.AsSpan(0, _names.Count);

    /// <summary>The position of a column, or -1.</summary>
    public int IndexOf(string name) => _columns.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Fills <see cref="Row"/> from <paramref name="record"/> (an object), adding columns for new keys.</summary>
    public void Gather(JsonElement record)
    {
        Array.Clear(_row, 0, Math.Min(_row.Length, _names.Count));
        var position = 0;
        foreach (var property in record.EnumerateObject())
        {
            var column = Find(property, position);
            if (column >= _row.Length)
            {
                Array.Resize(ref _row, Math.Max(_row.Length * 2, column + 1));
            }

            _row[column] = property.Value;
            position++;
        }
    }

    private int Find(JsonProperty property, int position)
    {
        if (position < _lastOrder.Count)
        {
            var guess = _lastOrder[position];
            if (property.NameEquals(_utf8Names[guess]))
            {
                return guess;
            }
        }

        var name = property.Name;
        if (!_columns.TryGetValue(name, out var column))
        {
            column = _names.Count;
            _columns.Add(name, column);
            _names.Add(name);
            _utf8Names.Add(Encoding.UTF8.GetBytes(name));
        }

        if (position < _lastOrder.Count)
        {
            _lastOrder[position] = column;
        }
        else
        {
            _lastOrder.Add(column);
        }

        return column;
    }
}
