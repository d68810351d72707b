namespace Hakiri.Manifest.Schema;

// One description of a manifest's shape drives both the checker that reports located errors and the JSON Schema
// export, so the two can never disagree.

/// <summary>The expected shape of a TOML value.</summary>
internal abstract record Shape(string Description)
{
    /// <summary>How the shape is named in messages ("a string", "an array of strings").</summary>
    public abstract string Noun { get; }
}

/// <summary>A string, optionally restricted to a set of values or a pattern.</summary>
internal sealed record StringShape(string Description) : Shape(Description)
{
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A .NET and ECMA-262 compatible regular expression the value must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>Says what the pattern means when a value does not match it.</summary>
    public string? PatternHint { get; init; }

    public string? Default { get; init; }

    /// <summary>Typical values, exported as the schema's <c>examples</c> for editors.</summary>
    public IReadOnlyList<string>? Examples { get; init; }

    public override string Noun => "a string";
}

/// <summary>An integer within a range.</summary>
internal sealed record IntegerShape(string Description, long Minimum, long Maximum) : Shape(Description)
{
    public long? Default { get; init; }

    public override string Noun => "an integer";
}

/// <summary>A boolean.</summary>
internal sealed record BooleanShape(string Description) : Shape(Description)
{
    public bool? Default { get; init; }

    public override string Noun => "a boolean";
}

/// <summary>A string, an integer or a boolean; integers and booleans are read as their TOML text.</summary>
internal sealed record ScalarShape(string Description) : Shape(Description)
{
    public override string Noun => "a string, integer or boolean";
}

/// <summary>An array whose items all have one shape.</summary>
internal sealed record ArrayShape(string Description, Shape Items) : Shape(Description)
{
    public int MinItems { get; init; }

    public bool UniqueItems { get; init; }

    public override string Noun => $"an array of {Plural(Items.Noun)}";

    private static string Plural(string noun) => noun.StartsWith("an ", StringComparison.Ordinal) ? noun[3..] + "s" : noun[2..] + "s";
}

/// <summary>A value written either as an array (the short form) or as a table (the long form), e.g. <c>redact</c>.</summary>
internal sealed record ArrayOrTableShape(string Description, ArrayShape Short, TableShape Long) : Shape(Description)
{
    public override string Noun => $"{Short.Noun} or a table";
}

/// <summary>A table with known keys; any other key is an error.</summary>
internal sealed record TableShape(string Description, IReadOnlyList<FieldShape> Fields) : Shape(Description)
{
    public override string Noun => "a table";

    public FieldShape? Find(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));
}

/// <summary>A table whose keys are names chosen by the user (e.g. pipelines) and whose values share one shape.</summary>
internal sealed record MapShape(string Description, TableShape Values, string KeyPattern, string KeyHint) : Shape(Description)
{
    /// <summary>Keys that match <see cref="KeyPattern"/> but are taken (built-in connector names).</summary>
    public IReadOnlyList<string> ReservedKeys { get; init; } = [];

    /// <summary>Says why a reserved key is taken and what to do instead.</summary>
    public string? ReservedHint { get; init; }

    public int MinEntries { get; init; }

    public override string Noun => "a table";
}

/// <summary>A table whose keys are names chosen by the user (e.g. HTTP headers) and whose values are scalars.</summary>
internal sealed record DictionaryShape(string Description, Shape Values) : Shape(Description)
{
    /// <summary>A .NET and ECMA-262 compatible regular expression every key must match, or <see langword="null"/>.</summary>
    public string? KeyPattern { get; init; }

    /// <summary>Says what the key pattern means when a key does not match it.</summary>
    public string? KeyHint { get; init; }

    public override string Noun => "a table";
}

/// <summary>A table whose keys depend on the value of a discriminator key (e.g. a source's <c>connector</c>).</summary>
internal sealed record UnionShape(string Description, string Discriminator, IReadOnlyDictionary<string, TableShape> Variants) : Shape(Description)
{
    /// <summary>The variant for any other discriminator value the document declares elsewhere, or <see langword="null"/>.</summary>
    public OpenVariantShape? Open { get; init; }

    public override string Noun => "a table";
}

/// <summary>
/// A union variant for discriminator values the document itself declares (a source naming a <c>[connectors.NAME]</c>
/// table): the discriminator matches <paramref name="Pattern"/> and is none of the fixed variants, every other key is
/// free-form config (any TOML value).
/// </summary>
internal sealed record OpenVariantShape(string Description, string Pattern, string ConfigDescription) : Shape(Description)
{
    public override string Noun => "a table";
}

/// <summary>A key that is no longer accepted: any value is an error that says what replaced it.</summary>
internal sealed record RetiredShape(string Description, string Message, string Hint) : Shape(Description)
{
    public override string Noun => "nothing";
}

/// <summary>A key of a table: its shape, whether it must be present, and an example used in hints.</summary>
internal sealed record FieldShape(string Key, Shape Shape)
{
    public bool Required { get; init; }

    /// <summary>A line of TOML showing the key in use, offered when the key is missing or of the wrong type.</summary>
    public string? Example { get; init; }

    /// <summary>Another key of the same table that must be present when this one is (JSON Schema <c>dependentRequired</c>).</summary>
    public string? Requires { get; init; }
}
