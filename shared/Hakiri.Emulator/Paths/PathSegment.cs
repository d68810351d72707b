namespace Hakiri.Emulator.Paths;

/// <summary>One step of a JSONPath after the root.</summary>
internal abstract record PathSegment
{
    /// <summary>True when the step selects at most one node (a name or an index).</summary>
    public abstract bool IsSingular { get; }
}

/// <summary><c>.name</c> or <c>['name']</c>.</summary>
internal sealed record NameSegment(string Name) : PathSegment
{
    public override bool IsSingular => true;
}

/// <summary><c>[3]</c>, or <c>[-1]</c> for the last element.</summary>
internal sealed record IndexSegment(int Index) : PathSegment
{
    public override bool IsSingular => true;
}

/// <summary><c>.*</c> or <c>[*]</c>: every member of an object or element of an array.</summary>
internal sealed record WildcardSegment : PathSegment
{
    public override bool IsSingular => false;
}

/// <summary><c>[start:end:step]</c> over an array.</summary>
internal sealed record SliceSegment(int? Start, int? End, int Step) : PathSegment
{
    public override bool IsSingular => false;
}

/// <summary><c>[0,2]</c> or <c>['a','b']</c>: several names or indexes.</summary>
internal sealed record UnionSegment(IReadOnlyList<PathSegment> Members) : PathSegment
{
    public override bool IsSingular => false;
}

/// <summary><c>..name</c> or <c>..*</c>: the inner step applied at every depth.</summary>
internal sealed record DescendantSegment(PathSegment Inner) : PathSegment
{
    public override bool IsSingular => false;
}
