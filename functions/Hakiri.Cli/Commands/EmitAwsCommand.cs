using System.CommandLine;
using Hakiri.Cli.Deploying;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri emit aws -m MANIFEST -o DIR [--stage S]</c>: synthesizes the project's CloudFormation stack (a CDK cloud
/// assembly) for users who deploy with their own tooling; <c>hakiri deploy aws</c> deploys the same assembly.
/// </summary>
internal static class EmitAwsCommand
{
    public static Command Create()
    {
        var manifest = ProjectOptions.Manifest();
        var output = new Option<string>("--output", "-o") { Description = "The directory the cloud assembly (template and assets) is written to.", DefaultValueFactory = _ => "cdk.out" };
        var stage = AwsOptions.Stage();
        var asset = AwsOptions.Asset();
        var noMcpUrl = AwsOptions.NoMcpUrlOutput();
        var command = new Command("aws", "The AWS CloudFormation stack (CDK): store bucket, a Lambda function per step, the state machine, schedules, the MCP function URL.")
        {
            manifest, output, stage, asset, noMcpUrl,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var manifestPath = parse.GetValue(manifest)!;
            if (ProjectOptions.LoadManifest(manifestPath, error) is not { } project || !DeployablePipelines.CheckDeployable(project, error))
            {
                return ExitCodes.BadInput;
            }

            var request = new CdkApp.Request(project, parse.GetValue(stage)!, parse.GetValue(asset), parse.GetValue(output)!, !parse.GetValue(noMcpUrl));
            return await CdkApp.SynthesizeAsync(request, parse.InvocationConfiguration.Output, error, echo: true, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
