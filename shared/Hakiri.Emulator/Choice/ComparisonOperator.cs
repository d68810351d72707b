namespace Hakiri.Emulator.Choice;

/// <summary>What a Choice comparison tests.</summary>
internal enum OperatorKind
{
    String,
    Numeric,
    Boolean,
    Timestamp,
    StringMatches,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

/// <summary>How two values of the same type are compared.</summary>
internal enum Relation
{
    Equals,
    LessThan,
    GreaterThan,
    LessThanEquals,
    GreaterThanEquals,
}

/// <summary>One comparison operator of a Choice rule, such as <c>NumericLessThanEqualsPath</c>.</summary>
internal sealed record ComparisonOperator(string Name, OperatorKind Kind, Relation Relation, bool IsPath)
{
    private static readonly Dictionary<string, ComparisonOperator> ByName = Build();

    /// <summary>True for IsNull, IsPresent and the other type tests, whose value is a boolean.</summary>
    public bool IsTypeTest => Kind >= OperatorKind.IsNull;

    public static bool TryGet(string name, out ComparisonOperator op) => ByName.TryGetValue(name, out op!);

    public static IEnumerable<string> Names => ByName.Keys;

    private static Dictionary<string, ComparisonOperator> Build()
    {
        var all = new Dictionary<string, ComparisonOperator>(StringComparer.Ordinal);
        void Add(string name, OperatorKind kind, Relation relation = Relation.Equals)
        {
            all[name] = new ComparisonOperator(name, kind, relation, false);
            if (kind < OperatorKind.StringMatches)
            {
                all[name + "Path"] = new ComparisonOperator(name + "Path", kind, relation, true);
            }
        }

        foreach (var (prefix, kind) in new[] { ("String", OperatorKind.String), ("Numeric", OperatorKind.Numeric), ("Timestamp", OperatorKind.Timestamp) })
        {
            Add(prefix + "Equals", kind);
            Add(prefix + "LessThan", kind, Relation.LessThan);
            Add(prefix + "GreaterThan", kind, Relation.GreaterThan);
            Add(prefix + "LessThanEquals", kind, Relation.LessThanEquals);
            Add(prefix + "GreaterThanEquals", kind, Relation.GreaterThanEquals);
        }

        Add("BooleanEquals", OperatorKind.Boolean);
        Add("StringMatches", OperatorKind.StringMatches);
        foreach (var kind in new[] { OperatorKind.IsNull, OperatorKind.IsPresent, OperatorKind.IsNumeric, OperatorKind.IsString, OperatorKind.IsBoolean, OperatorKind.IsTimestamp })
        {
            Add(kind.ToString(), kind);
        }

        return all;
    }
}
