using Hakiri.Model.Steps;

namespace Hakiri.Emit.Asl;

/// <summary>
/// The Task resources of the emitted definition: placeholders in the CloudFormation/CDK substitution syntax
/// (<c>${DiscoverFunctionArn}</c>) that a deployment replaces with function ARNs, and that the local emulator maps
/// back to step names.
/// </summary>
public static class StepResources
{
    /// <summary>The five steps, in pipeline order, with their handler names.</summary>
    public static IReadOnlyList<string> Steps => StepNames.All;

    /// <summary>The substitution variable of a step, e.g. <c>PullBatchFunctionArn</c>.</summary>
    public static string Variable(string step) =>
        string.Concat(step.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "FunctionArn";

    /// <summary>The placeholder written as a Task's Resource, e.g. <c>${PullBatchFunctionArn}</c>.</summary>
    public static string Placeholder(string step) => "${" + Variable(step) + "}";

    /// <summary>The step a resource names: a placeholder, or a Lambda ARN whose function name ends with the step.</summary>
    public static string? StepOf(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        foreach (var step in Steps)
        {
            if (resource == Placeholder(step) || resource.EndsWith("-" + step, StringComparison.Ordinal) || resource.EndsWith(":" + step, StringComparison.Ordinal))
            {
                return step;
            }
        }

        return null;
    }
}
