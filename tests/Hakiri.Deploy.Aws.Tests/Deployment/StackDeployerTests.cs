using Hakiri.Deploy.Aws.Api;
using Hakiri.Deploy.Aws.Deployment;
using Hakiri.Deploy.Aws.Tests.Moto;
using Hakiri.Testing;

namespace Hakiri.Deploy.Aws.Tests.Deployment;

/// <summary>The deployer against moto, below the CLI.</summary>
[Collection("moto-aws")]
public sealed class StackDeployerTests(MotoAwsFixture moto) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task PlanOfANewStack_ListsTheTemplateAndCreatesNothing()
    {
        var stack = "hakiri-plan-" + Guid.NewGuid().ToString("N")[..8];
        var assembly = Assembly(stack, """{"Resources":{"Logs":{"Type":"AWS::Logs::LogGroup","Properties":{"LogGroupName":"STACK"}}}}""".Replace("STACK", stack, StringComparison.Ordinal));
        using var output = new StringWriter();

        var outcome = await Deployer(stack, output).DeployAsync(assembly, [], planOnly: true, _ => throw new InvalidOperationException("a plan uploads nothing"), CancellationToken.None);

        Assert.Equal(DeployResult.Planned, outcome.Result);
        Assert.Contains("+ Logs  AWS::Logs::LogGroup", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 to add, 0 to change, 0 to remove.", output.ToString(), StringComparison.Ordinal);
        Assert.Null(await moto.CloudFormation.DescribeStackAsync(stack));
    }

    public void Dispose() => _dir.Dispose();

    private StackDeployer Deployer(string stack, TextWriter output) =>
        new(moto.CloudFormation, new DeployTarget(stack, "123456789012", "us-east-1"), output, TimeSpan.FromMilliseconds(100));

    private CloudAssembly Assembly(string stack, string template) => new(stack, _dir.Write(stack + ".template.json", template), []);
}
