using System.Globalization;
using System.Text;

namespace Hakiri.DuckDb;

/// <summary>
/// FLOAT and DOUBLE as DuckDB prints them: the shortest digits that round-trip, in positional notation for decimal
/// exponents from -4 to 15 (with ".0" on whole numbers) and scientific notation (<c>1e+16</c>, <c>2.5e-07</c>) outside.
/// </summary>
internal static class RealText
{
    /// <summary>A DOUBLE's text.</summary>
    public static string Format(double value) => double.IsFinite(value)
        ? Layout(value.ToString("R", CultureInfo.InvariantCulture))
        : NonFinite(value);

    /// <summary>A FLOAT's text (its own shortest digits, not those of the widened double).</summary>
    public static string Format(float value) => float.IsFinite(value)
        ? Layout(value.ToString("R", CultureInfo.InvariantCulture))
        : NonFinite(value);

    private static string NonFinite(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    private static string Layout(string roundTrip)
    {
        // .NET gives the same shortest digits in its own layout ("1E+16", "0.0001", "123.5"); re-lay them out.
        var negative = roundTrip.StartsWith('-');
        var body = negative ? roundTrip[1..] : roundTrip;
        var exponentAt = body.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(body[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        // Scientific exponent of the first digit: d.ddd x 10^e.
        var e = (point < 0 ? mantissa.Length : point) - 1 + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        e -= leadingZeros;
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        var text = new StringBuilder(negative ? "-" : "");
        if (e is >= -4 and < 16)
        {
            if (e >= 0)
            {
                text.Append(digits.Length > e + 1 ? digits[..(e + 1)] : digits.PadRight(e + 1, '0')).Append('.');
                text.Append(digits.Length > e + 1 ? digits[(e + 1)..] : "0");
            }
            else
            {
                text.Append("0.").Append('0', -e - 1).Append(digits);
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
