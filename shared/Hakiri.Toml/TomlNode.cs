namespace Hakiri.Toml;

/// <summary>A TOML value and where it was written.</summary>
public abstract class TomlNode
{
    private protected TomlNode(TomlPosition position) => Position = position;

    /// <summary>The position of the value's first character (for a table, of its header or first key).</summary>
    public TomlPosition Position { get; private protected set; }

    /// <summary>The TOML type of the value.</summary>
    public abstract TomlKind Kind { get; }

    /// <summary>The lower-case TOML name of the value's type, for messages ("string", "integer", "table").</summary>
    public string TypeName => Kind switch
    {
        TomlKind.OffsetDateTime => "offset date-time",
        TomlKind.LocalDateTime => "local date-time",
        TomlKind.LocalDate => "local date",
        TomlKind.LocalTime => "local time",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>A TOML string.</summary>
public sealed class TomlString : TomlNode
{
    /// <summary>Creates a string value.</summary>
    public TomlString(string value, TomlPosition position) : base(position) => Value = value;

    /// <summary>The decoded string (escapes resolved).</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override TomlKind Kind => TomlKind.String;
}

/// <summary>A TOML integer.</summary>
public sealed class TomlInteger : TomlNode
{
    /// <summary>Creates an integer value.</summary>
    public TomlInteger(long value, TomlPosition position) : base(position) => Value = value;

    /// <summary>The integer.</summary>
    public long Value { get; }

    /// <inheritdoc />
    public override TomlKind Kind => TomlKind.Integer;
}

/// <summary>A TOML float.</summary>
public sealed class TomlFloat : TomlNode
{
    /// <summary>Creates a float value.</summary>
    public TomlFloat(double value, TomlPosition position) : base(position) => Value = value;

    /// <summary>The float.</summary>
    public double Value { get; }

    /// <inheritdoc />
    public override TomlKind Kind => TomlKind.Float;
}

/// <summary>A TOML boolean.</summary>
public sealed class TomlBoolean : TomlNode
{
    /// <summary>Creates a boolean value.</summary>
    public TomlBoolean(bool value, TomlPosition position) : base(position) => Value = value;

    /// <summary>The boolean.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override TomlKind Kind => TomlKind.Boolean;
}
