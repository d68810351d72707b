namespace Hakiri.Toml;

/// <summary>The TOML 1.0 value types.</summary>
public enum TomlKind
{
    /// <summary>A string (basic, literal, or multi-line).</summary>
    String,

    /// <summary>A 64-bit signed integer.</summary>
    Integer,

    /// <summary>A 64-bit IEEE 754 float, including <c>inf</c> and <c>nan</c>.</summary>
    Float,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A date-time with an offset, e.g. <c>1979-05-27T07:32:00Z</c>.</summary>
    OffsetDateTime,

    /// <summary>A date-time without an offset.</summary>
    LocalDateTime,

    /// <summary>A date without a time.</summary>
    LocalDate,

    /// <summary>A time without a date.</summary>
    LocalTime,

    /// <summary>An array of values.</summary>
    Array,

    /// <summary>A table (standard, inline, implicit, or an element of an array of tables).</summary>
    Table,
}
