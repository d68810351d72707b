using System.CommandLine;
using Hakiri.Cli.Deploying;
using Hakiri.Deploy.Aws.Api;
using Hakiri.Deploy.Aws.Deployment;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Commands;

/// <summary>
/// <c>hakiri deploy aws</c> and <c>hakiri destroy aws</c>: the project's stack through CloudFormation change sets, with
/// a readable plan, streamed stack events and the outputs at the end.
/// </summary>
internal static class DeployCommand
{
    public static Command CreateDeploy()
    {
        var manifest = ProjectOptions.Manifest();
        var stage = AwsOptions.Stage();
        var region = AwsOptions.Region();
        var profile = AwsOptions.Profile();
        var endpoint = AwsOptions.EndpointUrl();
        var asset = AwsOptions.Asset();
        var noMcpUrl = AwsOptions.NoMcpUrlOutput();
        var plan = new Option<bool>("--plan") { Description = "Show what would be created, changed or deleted, and change nothing." };
        var output = new Option<string?>("--output", "-o") { Description = "Keep the synthesized cloud assembly in this directory (default: a temporary one)." };
        var aws = new Command("aws", "Synthesize the stack, show the plan, deploy it through a CloudFormation change set and print its outputs.")
        {
            manifest, stage, region, profile, endpoint, plan, asset, output, noMcpUrl,
        };
        aws.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            if (ProjectOptions.LoadManifest(parse.GetValue(manifest)!, console.Error) is not { } project || !TryEndpoint(parse.GetValue(endpoint), console.Error, out var url)
                || !DeployablePipelines.CheckDeployable(project, console.Error))
            {
                return ExitCodes.BadInput;
            }

            var stackName = StackName(project, parse.GetValue(stage)!);
            var temporary = parse.GetValue(output) is null ? Directory.CreateTempSubdirectory("hakiri-cdk-") : null;
            var assemblyDirectory = parse.GetValue(output) ?? temporary!.FullName;
            try
            {
                using var session = await AwsSession.OpenAsync(stackName, parse.GetValue(region) ?? project.Aws.Region, parse.GetValue(profile), url, cancellationToken).ConfigureAwait(false);
                console.Output.WriteLine($"Deploying {stackName} to account {session.Target.Account} in {session.Target.Region}{(url is null ? string.Empty : $" via {url}")}.");
                AccessReport.Write(project, session.Target.Partition, console.Output, console.Error);
                var request = new CdkApp.Request(project, parse.GetValue(stage)!, parse.GetValue(asset), assemblyDirectory, !parse.GetValue(noMcpUrl));
                var synthesized = await CdkApp.SynthesizeAsync(request, console.Output, console.Error, echo: false, cancellationToken).ConfigureAwait(false);
                if (synthesized != ExitCodes.Ok)
                {
                    return synthesized;
                }

                var assembly = CloudAssembly.Read(assemblyDirectory, stackName);
                var deployer = new StackDeployer(session.CloudFormation, session.Target, console.Output, PollInterval);
                var outcome = await deployer.DeployAsync(assembly, Tags(project, parse.GetValue(stage)!), parse.GetValue(plan),
                    ct => PublishAsync(session, assembly, console.Output, ct), cancellationToken).ConfigureAwait(false);
                await StackReport.WriteAsync(session, outcome, console.Output, cancellationToken).ConfigureAwait(false);
                if (project.Aws.McpAuth == McpUrlAuth.None && outcome.Result is DeployResult.Created or DeployResult.Updated)
                {
                    console.Error.WriteLine("warning: the MCP function URL is public (mcp_auth = \"none\"): anyone who has the URL can query the store");
                }

                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is DeploymentException or AwsApiException)
            {
                return Report(e, console.Error);
            }
            catch (InvalidDataException e)
            {
                console.Error.WriteLine($"error: {e.Message} — nothing was deployed");
                return ExitCodes.RunFailed;
            }
            finally
            {
                temporary?.Delete(recursive: true);
            }
        });
        return new Command("deploy", "Deploy the project to a cloud.") { aws, DeployAzureCommand.Create() };
    }

    public static Command CreateDestroy()
    {
        var manifest = ProjectOptions.Manifest();
        var stage = AwsOptions.Stage();
        var region = AwsOptions.Region();
        var profile = AwsOptions.Profile();
        var endpoint = AwsOptions.EndpointUrl();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when standard input is not a terminal)." };
        var aws = new Command("aws", "Delete the project's stack. The store bucket and its data are kept.")
        {
            manifest, stage, region, profile, endpoint, yes,
        };
        aws.SetAction(async (parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration;
            if (ProjectOptions.LoadManifest(parse.GetValue(manifest)!, console.Error) is not { } project || !TryEndpoint(parse.GetValue(endpoint), console.Error, out var url))
            {
                return ExitCodes.BadInput;
            }

            var stackName = StackName(project, parse.GetValue(stage)!);
            if (!parse.GetValue(yes) && !Confirm(stackName, console.Output, console.Error))
            {
                return ExitCodes.BadInput;
            }

            try
            {
                using var session = await AwsSession.OpenAsync(stackName, parse.GetValue(region) ?? project.Aws.Region, parse.GetValue(profile), url, cancellationToken).ConfigureAwait(false);
                var deployer = new StackDeployer(session.CloudFormation, session.Target, console.Output, PollInterval);
                var outcome = await deployer.DestroyAsync(cancellationToken).ConfigureAwait(false);
                if (outcome.Deleted)
                {
                    console.Output.WriteLine($"Deleted stack {stackName}.");
                    foreach (var bucket in outcome.RetainedBuckets)
                    {
                        console.Output.WriteLine($"Kept bucket {bucket} with the store's data; delete it yourself if you no longer need it (aws s3 rb s3://{bucket} --force).");
                    }
                }

                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is DeploymentException or AwsApiException)
            {
                return Report(e, console.Error);
            }
        });
        return new Command("destroy", "Remove a deployed project from a cloud.") { aws, DestroyAzureCommand.Create() };
    }

    /// <summary>How often CloudFormation is asked about a change set or stack in progress.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static string StackName(ProjectManifest project, string stage) => $"hakiri-{project.Name}-{stage}";

    private static IReadOnlyList<StackTag> Tags(ProjectManifest project, string stage) =>
        [new("hakiri:project", project.Name), new("hakiri:stage", stage)];

    /// <summary>One sentence for a stopped deployment; exit 2 when nothing was changed because of the input, else 1.</summary>
    private static int Report(Exception exception, TextWriter error)
    {
        if (exception is DeploymentException stopped)
        {
            error.WriteLine($"error: {stopped.Message}");
            return stopped.Failure == DeploymentFailure.BadInput ? ExitCodes.BadInput : ExitCodes.RunFailed;
        }

        var refused = (AwsApiException)exception;
        error.WriteLine($"error: AWS refused {refused.Operation ?? "a request"}: {refused.Code}: {refused.ErrorMessage} — the stack is as CloudFormation last reported it; run the command again once the cause is fixed");
        return ExitCodes.RunFailed;
    }

    /// <summary>The endpoint override: the option, else AWS_ENDPOINT_URL; false (after saying why) when malformed.</summary>
    private static bool TryEndpoint(string? option, TextWriter error, out Uri? url)
    {
        url = null;
        var text = option ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
        {
            url = parsed;
            return true;
        }

        error.WriteLine($"error: the endpoint URL '{text}' is not an http(s) URL — write it like http://127.0.0.1:5000");
        return false;
    }

    private static bool Confirm(string stackName, TextWriter output, TextWriter error)
    {
        if (Console.IsInputRedirected)
        {
            error.WriteLine($"error: destroying {stackName} needs confirmation — pass --yes (standard input is not a terminal)");
            return false;
        }

        output.Write($"Delete stack {stackName}? The store bucket is kept. Type the stack name to confirm: ");
        if (string.Equals(Console.ReadLine()?.Trim(), stackName, StringComparison.Ordinal))
        {
            return true;
        }

        error.WriteLine("error: not confirmed; nothing was deleted");
        return false;
    }

    private static async Task<Uri?> PublishAsync(AwsSession session, CloudAssembly assembly, TextWriter output, CancellationToken cancellationToken)
    {
        await new AssetPublisher(session.S3, output).PublishAsync(assembly.Assets, session.Target, cancellationToken).ConfigureAwait(false);
        var template = assembly.Assets.FirstOrDefault(a => Path.GetFullPath(a.SourcePath) == Path.GetFullPath(assembly.TemplatePath));
        return template is null ? null : session.ObjectUrl(session.Target.Resolve(template.BucketName), session.Target.Resolve(template.ObjectKey));
    }
}
