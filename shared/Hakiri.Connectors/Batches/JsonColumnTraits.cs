using System.Runtime.InteropServices;
using System.Text.Json;
using Hakiri.Connectors.Contract;

namespace Hakiri.Connectors.Batches;

/// <summary>What one column's values looked like across a batch, and the column type that follows.</summary>
internal struct JsonColumnTraits
{
    private bool _boolean;
    private bool _integer;
    private bool _float;
    private bool _string;
    private bool _nested;
    private bool _notTimestamp;
    private bool _notDate;

    /// <summary>Notes one value (absent and null values are not passed).</summary>
    public void Observe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                _boolean = true;
                break;
            case JsonValueKind.Number when value.TryGetInt64(out _):
                _integer = true;
                break;
            case JsonValueKind.Number:
                _float = true;
                break;
            case JsonValueKind.String:
                _string = true;
                ObserveText(value);
                break;
            default:
                _nested = true;
                break;
        }
    }

    /// <summary>The column type: one kind of scalar maps to its type, anything else is JSON text.</summary>
    public readonly ColumnType Resolve()
    {
        var kinds = (_boolean ? 1 : 0) + (_integer || _float ? 1 : 0) + (_string ? 1 : 0);
        if (_nested || kinds > 1)
        {
            return ColumnType.Json;
        }

        if (_boolean)
        {
            return ColumnType.Boolean;
        }

        if (_integer || _float)
        {
            return _float ? ColumnType.Float64 : ColumnType.Int64;
        }

        if (_string && !_notTimestamp)
        {
            return ColumnType.Timestamp;
        }

        return _string && !_notDate ? ColumnType.Date : ColumnType.Utf8;
    }

    /// <summary>The UTF-8 text of a string value without quotes, or empty when it holds escapes (no date does).</summary>
    public static ReadOnlySpan<byte> UnescapedText(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == '"')
        {
            raw = raw[1..^1];
        }

        return raw.Contains((byte)'\\') ? default : raw;
    }

    private void ObserveText(JsonElement value)
    {
        if (_notTimestamp && _notDate)
        {
            return;
        }

        var text = UnescapedText(value);
        _notTimestamp |= !Rfc3339.TryParseTimestamp(text, out _);
        _notDate |= !Rfc3339.TryParseDate(text, out _);
    }
}
