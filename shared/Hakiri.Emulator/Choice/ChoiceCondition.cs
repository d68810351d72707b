using Hakiri.Emulator.Execution;

namespace Hakiri.Emulator.Choice;

/// <summary>A Boolean expression of a Choice rule.</summary>
internal abstract class ChoiceCondition
{
    public abstract bool Evaluate(DataScope scope);
}

/// <summary><c>And</c>: every nested rule matches.</summary>
internal sealed class AndCondition(IReadOnlyList<ChoiceCondition> conditions) : ChoiceCondition
{
    public override bool Evaluate(DataScope scope) => conditions.All(c => c.Evaluate(scope));
}

/// <summary><c>Or</c>: some nested rule matches.</summary>
internal sealed class OrCondition(IReadOnlyList<ChoiceCondition> conditions) : ChoiceCondition
{
    public override bool Evaluate(DataScope scope) => conditions.Any(c => c.Evaluate(scope));
}

/// <summary><c>Not</c>: the nested rule does not match.</summary>
internal sealed class NotCondition(ChoiceCondition condition) : ChoiceCondition
{
    public override bool Evaluate(DataScope scope) => !condition.Evaluate(scope);
}

/// <summary>A Choice rule with its target state.</summary>
internal sealed record ChoiceRule(ChoiceCondition Condition, string Next);
