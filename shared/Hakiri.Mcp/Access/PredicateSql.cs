using System.Globalization;
using Hakiri.Access.Policy;
using Hakiri.Mcp.Query;
using Hakiri.Store.Catalog;

namespace Hakiri.Mcp.Access;

/// <summary>
/// Compiles a token's row filter to a SQL condition whose values are all bound parameters (<c>$k</c>, numbered after
/// those already in the list): identifiers are checked against the table and quoted, values are never concatenated.
/// </summary>
public static class PredicateSql
{
    /// <summary>The condition for <paramref name="predicate"/>; appends its values to <paramref name="parameters"/>.</summary>
    /// <param name="predicate">The filter.</param>
    /// <param name="subject">Binds <c>$agent</c>, <c>$host</c>, <c>$on_behalf_of</c> and <c>$task_id</c>.</param>
    /// <param name="columns">The table's columns; a filter naming another column is refused.</param>
    /// <param name="parameters">The statement's values so far; the filter's are appended.</param>
    /// <exception cref="ArgumentException">The filter names a column the table does not have.</exception>
    public static string Compile(Predicate predicate, Subject subject, IReadOnlyList<ColumnSchema> columns, List<object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(parameters);
        return predicate switch
        {
            Comparison c => $"{Column(c.Column, columns)} {Operator(c.Operator)} {Value(c.Value, subject, parameters)}",
            InList list => list.Values.Count == 0
                ? (list.Negated ? "true" : "false")
                : $"{Column(list.Column, columns)} {(list.Negated ? "NOT IN" : "IN")} ({string.Join(", ", list.Values.Select(v => Value(v, subject, parameters)))})",
            NullCheck check => $"{Column(check.Column, columns)} IS {(check.Negated ? "NOT " : string.Empty)}NULL",
            AllOf all => $"({Compile(all.Left, subject, columns, parameters)}) AND ({Compile(all.Right, subject, columns, parameters)})",
            AnyOf any => $"({Compile(any.Left, subject, columns, parameters)}) OR ({Compile(any.Right, subject, columns, parameters)})",
            Negation not => $"NOT ({Compile(not.Inner, subject, columns, parameters)})",
            _ => throw new ArgumentException($"Unknown predicate {predicate.GetType().Name}.", nameof(predicate)),
        };
    }

    private static string Column(string name, IReadOnlyList<ColumnSchema> columns)
    {
        var column = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The row filter names column '{name}', which the table does not have.", nameof(columns));
        return Sql.Identifier(column.Name);
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static string Value(PredicateValue value, Subject subject, List<object?> parameters)
    {
        object? bound = value switch
        {
            StringValue s => s.Value,
            NumberValue n => n.Value,
            BooleanValue b => b.Value,
            ParameterValue p => p.Resolve(subject),
            _ => throw new ArgumentException($"Unknown value {value.GetType().Name}.", nameof(value)),
        };
        parameters.Add(bound);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }
}
