namespace Hakiri.Toml;

/// <summary>A TOML offset date-time, local date-time, local date, or local time.</summary>
public sealed class TomlDateTime : TomlNode
{
    /// <summary>Creates a date/time value.</summary>
    /// <param name="kind">One of the four date/time kinds.</param>
    /// <param name="text">The canonical RFC 3339 text: upper-case <c>T</c> and <c>Z</c>, seconds always present.</param>
    /// <param name="position">Where the value was written.</param>
    public TomlDateTime(TomlKind kind, string text, TomlPosition position) : base(position)
    {
        if (kind is not (TomlKind.OffsetDateTime or TomlKind.LocalDateTime or TomlKind.LocalDate or TomlKind.LocalTime))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a date/time kind.");
        }

        Kind = kind;
        Text = text;
    }

    /// <inheritdoc />
    public override TomlKind Kind { get; }

    /// <summary>The canonical RFC 3339 text of the value, e.g. <c>1979-05-27T07:32:00.5-07:00</c>.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
