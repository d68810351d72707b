using System.Text.Json.Nodes;
using Hakiri.Emulator.Choice;
using Hakiri.Emulator.Json;

namespace Hakiri.Emulator.Definition.Parsing;

/// <summary>Reads Choice rules: comparisons, And, Or and Not, with Next only at the top level.</summary>
internal static class ChoiceRuleParser
{
    public static IReadOnlyList<ChoiceRule> Rules(FieldReader state)
    {
        var array = state.RequireArray("Choices", nonEmpty: true);
        var rules = new List<ChoiceRule>();
        for (var i = 0; i < array.Count; i++)
        {
            var reader = Rule(state, array[i], $"Choices[{i}]");
            rules.Add(new ChoiceRule(Condition(reader, topLevel: true), reader.RequireString("Next")));
        }

        return rules;
    }

    private static FieldReader Rule(FieldReader parent, JsonNode? node, string location) =>
        node is JsonObject obj ? parent.Child(obj, location) : throw parent.Error("A Choice rule must be an object.", location);

    private static ChoiceCondition Condition(FieldReader reader, bool topLevel)
    {
        if (!topLevel && reader.Has("Next"))
        {
            throw reader.Error("'Next' is only allowed in a top-level Choice rule, not inside And, Or or Not.", "Next");
        }

        var operators = new List<string>();
        foreach (var (name, _) in reader.Object)
        {
            if (name is "And" or "Or" or "Not" || ComparisonOperator.TryGet(name, out _))
            {
                operators.Add(name);
            }
            else if (name is not ("Variable" or "Comment" or "Next"))
            {
                throw reader.Error($"The field '{name}' is not a Choice rule field; a rule has Variable and one comparison operator, or And, Or or Not.", name);
            }
        }

        if (operators.Count != 1)
        {
            throw reader.Error(operators.Count == 0
                ? "A Choice rule needs one comparison operator (such as StringEquals) or And, Or or Not."
                : $"A Choice rule takes exactly one operator, not {string.Join(", ", operators)}.");
        }

        return operators[0] switch
        {
            "And" => new AndCondition(Nested(reader, "And")),
            "Or" => new OrCondition(Nested(reader, "Or")),
            "Not" => new NotCondition(Condition(Rule(reader, reader.Object["Not"], "Not"), topLevel: false)),
            var name => Comparison(reader, name),
        };
    }

    private static List<ChoiceCondition> Nested(FieldReader reader, string field)
    {
        if (reader.Has("Variable"))
        {
            throw reader.Error($"A rule with {field} cannot also have a Variable.", "Variable");
        }

        var array = reader.RequireArray(field, nonEmpty: true);
        return [.. array.Select((node, i) => Condition(Rule(reader, node, $"{field}[{i}]"), topLevel: false))];
    }

    private static ComparisonCondition Comparison(FieldReader reader, string name)
    {
        ComparisonOperator.TryGet(name, out var op);
        var variable = reader.ValuePath("Variable") ?? throw reader.Error($"A {name} rule needs a 'Variable'.", "Variable");
        var value = reader.Object[name];
        if (op.IsPath)
        {
            return new ComparisonCondition(variable, op, null, reader.Path(name, value, allowContext: true));
        }

        var valid = op.Kind switch
        {
            OperatorKind.String or OperatorKind.StringMatches => JsonText.TryGetString(value, out _),
            OperatorKind.Numeric => JsonText.TryGetDouble(value, out _),
            OperatorKind.Timestamp => JsonText.TryGetString(value, out var text) && Timestamps.TryParse(text, out _),
            _ => JsonText.TryGetBoolean(value, out _),
        };
        if (!valid)
        {
            var expected = op.Kind switch
            {
                OperatorKind.String or OperatorKind.StringMatches => "a string",
                OperatorKind.Numeric => "a number",
                OperatorKind.Timestamp => "an RFC 3339 timestamp such as 2024-01-31T12:00:00Z",
                _ => "true or false",
            };
            throw reader.Error($"The value of {name} must be {expected}.", name);
        }

        return new ComparisonCondition(variable, op, JsonText.Clone(value), null);
    }
}
