using System.Text;
using System.Text.Json;
using Hakiri.Mcp.Query;

namespace Hakiri.Mcp.Tools;

/// <summary>
/// Turns the structured <c>filter</c> argument into a WHERE clause whose values are all bound parameters, never spliced
/// text: <c>{"status": "shipped"}</c>, <c>{"amount": {"&gt;=": 10}}</c>, <c>{"id": [1, 2]}</c>, <c>{"note": null}</c>.
/// </summary>
internal static class FilterCompiler
{
    private static readonly Dictionary<string, string> Comparisons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["="] = "=", ["eq"] = "=", ["!="] = "<>", ["<>"] = "<>", ["ne"] = "<>",
        [">"] = ">", ["gt"] = ">", [">="] = ">=", ["gte"] = ">=", ["<"] = "<", ["lt"] = "<", ["<="] = "<=", ["lte"] = "<=",
        ["like"] = "LIKE", ["ilike"] = "ILIKE",
    };

    public const string Operators = "=, !=, >, >=, <, <=, like, ilike, in, not_in, is_null";

    /// <summary>The condition, or an empty string when the filter is empty; appends bound values to <paramref name="parameters"/>.</summary>
    public static string Compile(JsonElement filter, List<object?> parameters)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            throw new ToolErrorException("'filter' must be an object of column conditions, e.g. {\"status\": \"shipped\", \"amount\": {\">=\": 10}}.");
        }

        var clauses = new List<string>();
        foreach (var condition in filter.EnumerateObject())
        {
            var column = Sql.Identifier(condition.Name);
            switch (condition.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var op in condition.Value.EnumerateObject())
                    {
                        clauses.Add(Operator(column, condition.Name, op.Name, op.Value, parameters));
                    }

                    break;
                case JsonValueKind.Array:
                    clauses.Add(In(column, condition.Name, condition.Value, negate: false, parameters));
                    break;
                case JsonValueKind.Null:
                    clauses.Add($"{column} IS NULL");
                    break;
                default:
                    clauses.Add($"{column} = {Parameter(Value(condition.Name, condition.Value), parameters)}");
                    break;
            }
        }

        return string.Join(" AND ", clauses);
    }

    private static string Operator(string column, string name, string op, JsonElement value, List<object?> parameters)
    {
        if (Comparisons.TryGetValue(op, out var sql))
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return sql switch
                {
                    "=" => $"{column} IS NULL",
                    "<>" => $"{column} IS NOT NULL",
                    _ => throw new ToolErrorException($"Filter on '{name}': '{op}' cannot compare with null."),
                };
            }

            return $"{column} {sql} {Parameter(Value(name, value), parameters)}";
        }

        return op.ToLowerInvariant() switch
        {
            "in" => In(column, name, value, negate: false, parameters),
            "not_in" => In(column, name, value, negate: true, parameters),
            "is_null" when value.ValueKind is JsonValueKind.True or JsonValueKind.False =>
                $"{column} IS {(value.ValueKind == JsonValueKind.True ? string.Empty : "NOT ")}NULL",
            "is_null" => throw new ToolErrorException($"Filter on '{name}': 'is_null' takes true or false."),
            _ => throw new ToolErrorException($"Filter on '{name}': unknown operator '{op}'. Use one of: {Operators}."),
        };
    }

    private static string In(string column, string name, JsonElement values, bool negate, List<object?> parameters)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw new ToolErrorException($"Filter on '{name}': 'in' and 'not_in' take a non-empty list of values.");
        }

        var list = new StringBuilder();
        foreach (var value in values.EnumerateArray())
        {
            list.Append(list.Length == 0 ? string.Empty : ", ").Append(Parameter(Value(name, value), parameters));
        }

        return $"{column} {(negate ? "NOT IN" : "IN")} ({list})";
    }

    private static string Parameter(object value, List<object?> parameters)
    {
        parameters.Add(value);
        return "$" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static object Value(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number when value.TryGetDecimal(out var exact) => exact,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new ToolErrorException($"Filter on '{name}': values must be strings, numbers, booleans or null, not {value.ValueKind.ToString().ToLowerInvariant()}s."),
    };
}
