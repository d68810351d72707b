namespace Hakiri.Toml;

/// <summary>A 1-based line and column (in UTF-16 code units) in a TOML document.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column number.</param>
public readonly record struct TomlPosition(int Line, int Column)
{
    /// <summary>The position of the first character of a document.</summary>
    public static TomlPosition Start { get; } = new(1, 1);

    /// <summary>Formats the position as <c>line:column</c>, the compiler convention.</summary>
    public override string ToString() => $"{Line}:{Column}";
}
