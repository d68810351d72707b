using System.Globalization;
using System.Text.Json;

namespace Hakiri.DuckDb;

/// <summary>
/// Writes the .NET values <see cref="DuckDbReader.GetValue"/> returns as JSON and as text, one convention for every
/// consumer (<c>hakiri query</c>, the MCP tools): integers and decimals as JSON numbers, non-finite floats and every
/// other type as DuckDB-style text.
/// </summary>
public static class DuckDbJson
{
    /// <summary>Writes one value.</summary>
    public static void Write(Utf8JsonWriter json, object? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case sbyte or short or int or long or byte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                json.WriteNumberValue(u);
                break;
            case float or double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(d))
                {
                    json.WriteNumberValue(d);
                }
                else
                {
                    json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    /// <summary>A non-null value as DuckDB would print it (dates ISO, timestamps with microseconds, blobs as hex).</summary>
    public static string Text(object value) => value switch
    {
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero && t.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
