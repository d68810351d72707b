using Hakiri.Emulator.Execution;

namespace Hakiri.Emulator.Tests.Execution;

public sealed class ResourceNameTests
{
    [Theory]
    [InlineData("arn:aws:states:::lambda:invoke", false, "lambda", "invoke")]
    [InlineData("arn:aws:states:::ecs:runTask.sync", false, "ecs", "runTask.sync")]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken", false, "sqs", "sendMessage.waitForTaskToken")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:pull:live", true, null, "arn:aws:lambda:eu-west-1:123456789012:function:pull:live")]
    [InlineData("${PullBatchFunctionArn}", false, null, "${PullBatchFunctionArn}")]
    public void Of_Resource_DescribesItAsHistoryDoes(string resource, bool lambda, string? type, string name)
    {
        var described = ResourceName.Of(resource);
        Assert.Equal((lambda, type, name), (described.IsLambdaFunction, described.ResourceType, described.Resource));
    }
}
