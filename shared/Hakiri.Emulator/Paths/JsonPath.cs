namespace Hakiri.Emulator.Paths;

/// <summary>
/// A parsed JSONPath of the kind ASL uses: rooted at <c>$</c> (the state's data) or <c>$$</c> (the context object).
/// </summary>
internal sealed class JsonPath
{
    private JsonPath(string text, bool isContext, IReadOnlyList<PathSegment> segments)
    {
        Text = text;
        IsContext = isContext;
        Segments = segments;
        IsDefinite = segments.All(s => s.IsSingular);
    }

    /// <summary><c>$</c>: the whole input.</summary>
    public static JsonPath Root { get; } = new("$", false, []);

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>True for <c>$$</c> paths, which read the context object.</summary>
    public bool IsContext { get; }

    /// <summary>The steps after the root.</summary>
    public IReadOnlyList<PathSegment> Segments { get; }

    /// <summary>True when the path can select at most one node: a Reference Path in the specification's terms.</summary>
    public bool IsDefinite { get; }

    /// <summary>True for <c>$</c> alone.</summary>
    public bool IsRoot => !IsContext && Segments.Count == 0;

    /// <summary>Parses a path or explains why it is not one.</summary>
    public static bool TryParse(string text, out JsonPath path, out string error)
    {
        var parser = new JsonPathParser(text);
        if (parser.TryParse(out var isContext, out var segments, out error))
        {
            path = isContext || segments.Count > 0 ? new JsonPath(text, isContext, segments) : Root;
            return true;
        }

        path = Root;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
