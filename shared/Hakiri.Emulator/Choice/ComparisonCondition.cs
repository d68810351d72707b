using System.Text.Json.Nodes;
using Hakiri.Emulator.Errors;
using Hakiri.Emulator.Execution;
using Hakiri.Emulator.Json;
using Hakiri.Emulator.Paths;

namespace Hakiri.Emulator.Choice;

/// <summary>
/// <c>Variable</c> + one comparison operator. Values of the wrong type never match (they are not an error); a
/// Variable that selects nothing fails the execution, except for <c>IsPresent</c>, which exists to test that.
/// </summary>
internal sealed class ComparisonCondition(JsonPath variable, ComparisonOperator op, JsonNode? literal, JsonPath? operandPath) : ChoiceCondition
{
    private readonly StringPattern? _pattern = op.Kind == OperatorKind.StringMatches && JsonText.TryGetString(literal, out var p) ? new StringPattern(p) : null;

    public override bool Evaluate(DataScope scope)
    {
        var found = scope.TryRead(variable, out var value);
        if (op.Kind == OperatorKind.IsPresent)
        {
            return found == Expected;
        }

        if (!found)
        {
            throw StateFailure.Runtime($"Invalid path '{variable.Text}': The choice state's condition path references an invalid value.");
        }

        if (op.IsTypeTest)
        {
            return TypeTest(value) == Expected;
        }

        var operand = literal;
        if (operandPath is not null && !scope.TryRead(operandPath, out operand))
        {
            throw StateFailure.Runtime($"Invalid path '{operandPath.Text}': The choice state's {op.Name} path references an invalid value.");
        }

        return Compare(value, operand);
    }

    private bool Expected => JsonText.TryGetBoolean(literal, out var expected) && expected;

    private bool TypeTest(JsonNode? value) => op.Kind switch
    {
        OperatorKind.IsNull => value is null,
        OperatorKind.IsNumeric => JsonText.TryGetDouble(value, out _),
        OperatorKind.IsString => JsonText.TryGetString(value, out _),
        OperatorKind.IsBoolean => JsonText.TryGetBoolean(value, out _),
        _ => JsonText.TryGetString(value, out var text) && Timestamps.TryParse(text, out _),
    };

    private bool Compare(JsonNode? value, JsonNode? operand)
    {
        switch (op.Kind)
        {
            case OperatorKind.String when JsonText.TryGetString(value, out var left) && JsonText.TryGetString(operand, out var right):
                // Java's String.compareTo, which the specification cites: UTF-16 code units, no culture.
                return Holds(string.CompareOrdinal(left, right));
            case OperatorKind.Numeric when JsonText.TryGetDouble(value, out var left) && JsonText.TryGetDouble(operand, out var right):
                return Holds(left.CompareTo(right));
            case OperatorKind.Boolean when JsonText.TryGetBoolean(value, out var left) && JsonText.TryGetBoolean(operand, out var right):
                return left == right;
            case OperatorKind.Timestamp when JsonText.TryGetString(value, out var left) && JsonText.TryGetString(operand, out var right)
                && Timestamps.TryParse(left, out var leftTime) && Timestamps.TryParse(right, out var rightTime):
                return Holds(leftTime.CompareTo(rightTime));
            case OperatorKind.StringMatches when JsonText.TryGetString(value, out var text):
                return _pattern!.IsMatch(text);
            default:
                return false;
        }
    }

    private bool Holds(int comparison) => op.Relation switch
    {
        Relation.Equals => comparison == 0,
        Relation.LessThan => comparison < 0,
        Relation.GreaterThan => comparison > 0,
        Relation.LessThanEquals => comparison <= 0,
        _ => comparison >= 0,
    };
}
