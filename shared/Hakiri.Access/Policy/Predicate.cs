namespace Hakiri.Access.Policy;

/// <summary>
/// A row filter in Hakiri's predicate language: column comparisons, <c>IN</c>, <c>IS [NOT] NULL</c>, <c>AND</c>/<c>OR</c>/<c>NOT</c>
/// and parameters (<c>$agent</c>, <c>$host</c>, <c>$on_behalf_of</c>, <c>$task_id</c>, bound from the token's subject).
/// Parsed by <c>PredicateParser</c>; compiled to SQL with bound parameters by the query side — never concatenated.
/// </summary>
public abstract record Predicate;

/// <summary><c>column op value</c>.</summary>
public sealed record Comparison(string Column, ComparisonOperator Operator, PredicateValue Value) : Predicate;

/// <summary><c>column [NOT] IN (v1, v2, …)</c>.</summary>
public sealed record InList(string Column, IReadOnlyList<PredicateValue> Values, bool Negated) : Predicate;

/// <summary><c>column IS [NOT] NULL</c>.</summary>
public sealed record NullCheck(string Column, bool Negated) : Predicate;

/// <summary><c>left AND right</c>.</summary>
public sealed record AllOf(Predicate Left, Predicate Right) : Predicate;

/// <summary><c>left OR right</c>.</summary>
public sealed record AnyOf(Predicate Left, Predicate Right) : Predicate;

/// <summary><c>NOT inner</c>.</summary>
public sealed record Negation(Predicate Inner) : Predicate;

/// <summary>The comparison operators.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c></summary>
    Equal,
    /// <summary><c>!=</c> or <c>&lt;&gt;</c></summary>
    NotEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

/// <summary>A literal or a parameter on the right of a comparison.</summary>
public abstract record PredicateValue;

/// <summary>A string literal (<c>"EU"</c> or <c>'EU'</c>).</summary>
public sealed record StringValue(string Value) : PredicateValue;

/// <summary>A number literal.</summary>
public sealed record NumberValue(decimal Value) : PredicateValue;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanValue(bool Value) : PredicateValue;

/// <summary>A parameter bound from the subject: <c>$agent</c>, <c>$host</c>, <c>$on_behalf_of</c>, <c>$task_id</c>.</summary>
public sealed record ParameterValue(string Name) : PredicateValue
{
    /// <summary>The parameter names the language knows.</summary>
    public static readonly IReadOnlyList<string> Known = ["agent", "host", "on_behalf_of", "task_id"];

    /// <summary>The value for <paramref name="subject"/>; <see langword="null"/> when the subject lacks it (compares as SQL NULL, so matches nothing).</summary>
    public string? Resolve(Subject subject) => Name switch
    {
        "agent" => subject.Agent,
        "host" => subject.Host,
        "on_behalf_of" => subject.OnBehalfOf,
        "task_id" => subject.TaskId,
        _ => throw new InvalidOperationException($"Unknown parameter ${Name}."),
    };
}
