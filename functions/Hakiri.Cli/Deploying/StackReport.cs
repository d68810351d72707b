using Hakiri.Deploy.Aws.Deployment;

namespace Hakiri.Cli.Deploying;

/// <summary>What a deploy prints at the end: the stack's status, its outputs, and where to look next.</summary>
internal static class StackReport
{
    // The resources a user reaches for first, by type; shown when the stack reports no outputs (moto omits them for
    // stacks made through change sets).
    private static readonly Dictionary<string, string> KeyResources = new(StringComparer.Ordinal)
    {
        ["AWS::S3::Bucket"] = "store bucket",
        ["AWS::StepFunctions::StateMachine"] = "state machine",
    };

    public static async Task WriteAsync(AwsSession session, DeployOutcome outcome, TextWriter output, CancellationToken cancellationToken)
    {
        if (outcome.Result == DeployResult.Planned || outcome.Stack is not { } stack)
        {
            return;
        }

        output.WriteLine($"Stack {stack.StackName}: {stack.StackStatus}.");
        if (stack.Outputs.Count > 0)
        {
            var width = stack.Outputs.Max(o => o.OutputKey.Length);
            foreach (var item in stack.Outputs.OrderBy(o => o.OutputKey, StringComparer.Ordinal))
            {
                output.WriteLine($"  {item.OutputKey.PadRight(width)}  {item.OutputValue}");
            }
        }
        else
        {
            var resources = await session.CloudFormation.ListStackResourcesAsync(stack.StackId, cancellationToken).ConfigureAwait(false);
            foreach (var resource in resources.Where(r => KeyResources.ContainsKey(r.ResourceType)))
            {
                output.WriteLine($"  {KeyResources[resource.ResourceType],-14} {resource.PhysicalResourceId}");
            }
        }

        if (stack.Output("StateMachineArn") is { } machine)
        {
            output.WriteLine($"Start a run: aws stepfunctions start-execution --state-machine-arn {machine} --input '{{}}'");
        }
    }
}
