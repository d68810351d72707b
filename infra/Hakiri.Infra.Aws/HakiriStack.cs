using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Hakiri.Emit.Asl;
using Hakiri.Emit.Aws;
using Hakiri.Model.Manifests;

namespace Hakiri.Infra.Aws;

/// <summary>
/// One project on AWS: the store bucket, a Lambda function per step plus the MCP function, the Step Functions state
/// machine emitted from the manifest, and an EventBridge rule per scheduled pipeline.
/// </summary>
internal sealed partial class HakiriStack : Stack
{
    public HakiriStack(Construct scope, ProjectManifest manifest, AwsStackOptions options)
        : base(scope, AwsStackOptions.StackName(manifest.Name, options.Stage), new StackProps
        {
            StackName = AwsStackOptions.StackName(manifest.Name, options.Stage),
            Description = $"Hakiri project '{manifest.Name}' ({options.Stage})",
            // Assets go to hakiri deploy's own bucket and the template needs no bootstrap stack (no BootstrapVersion).
            Synthesizer = new CliCredentialsStackSynthesizer(new CliCredentialsStackSynthesizerProps
            {
                FileAssetsBucketName = AwsStackOptions.AssetBucketName,
                BucketPrefix = AwsStackOptions.StackName(manifest.Name, options.Stage) + "/",
            }),
        })
    {
        var bucket = StoreBucket.Create(this, manifest);
        var prefix = StoreBucket.Prefix(manifest);
        var code = Code.FromAsset(options.AssetZip);
        // libduckdb.so is most of the package and changes only with DuckDB: a layer keeps it out of the function zip (ADR 0029).
        var duckdb = new LayerVersion(this, "DuckDbLayer", new LayerVersionProps
        {
            Code = Code.FromAsset(options.LayerZip),
            CompatibleRuntimes = [Runtime.PROVIDED_AL2023],
            CompatibleArchitectures = [Architecture.X86_64],
            Description = "libduckdb.so for Hakiri's functions (/opt/lib)",
        });
        // libwasmtime.so only where WebAssembly connectors run: the functions that talk to sources (ADR 0032).
        var wasmtime = WasmtimeLayer.IsNeededBy(manifest)
            ? new LayerVersion(this, "WasmtimeLayer", new LayerVersionProps
            {
                Code = Code.FromAsset(options.WasmtimeLayerZip),
                CompatibleRuntimes = [Runtime.PROVIDED_AL2023],
                CompatibleArchitectures = [Architecture.X86_64],
                Description = "libwasmtime.so for Hakiri's WebAssembly connectors (/opt/lib)",
            })
            : null;
        var deployment = manifest.Aws;
        // The functions find the store here, whatever the bundled manifest says (a local store would live in /tmp).
        var store = Fn.Join(string.Empty, prefix.Length == 0 ? ["s3://", bucket.BucketName] : ["s3://", bucket.BucketName, "/" + prefix]);

        var access = DeployedAccess.Of(manifest);
        var steps = new Dictionary<string, Function>(StringComparer.Ordinal);
        foreach (var step in StepResources.Steps)
        {
            var function = StepFunction(step, code, duckdb, deployment, store, DeployedAccess.SourceSteps.Contains(step) ? wasmtime : null);
            foreach (var statement in StoreBucket.Grants(bucket, prefix))
            {
                function.AddToRolePolicy(statement);
            }

            // Each function has its own role: only the steps that talk to sources may read them, their secrets and the VPC.
            if (DeployedAccess.SourceSteps.Contains(step))
            {
                SourceAccess.Apply(function, access);
            }

            steps[step] = function;
        }

        var stateMachine = StateMachineOf(manifest, steps);
        foreach (var pipeline in manifest.Pipelines)
        {
            if (pipeline.Schedule is { } schedule)
            {
                ScheduleRule(pipeline.Name, schedule.Expression, stateMachine);
            }
        }

        var mcp = StepFunction("mcp", code, duckdb, deployment, store);
        // Serving only reads the store.
        foreach (var statement in StoreBucket.ReadGrants(bucket, prefix))
        {
            mcp.AddToRolePolicy(statement);
        }

        // Public only when the manifest says mcp_auth = "none" (it loads with a warning then).
        var url = mcp.AddFunctionUrl(new FunctionUrlOptions
        {
            AuthType = deployment.McpAuth == McpUrlAuth.None ? FunctionUrlAuthType.NONE : FunctionUrlAuthType.AWS_IAM,
        });

        _ = new CfnOutput(this, "StoreBucketName", new CfnOutputProps { Value = bucket.BucketName, Description = "The store's bucket." });
        _ = new CfnOutput(this, "StateMachineArn", new CfnOutputProps { Value = stateMachine.StateMachineArn, Description = "The pipeline state machine." });
        _ = new CfnOutput(this, "McpFunctionName", new CfnOutputProps { Value = mcp.FunctionName, Description = "The MCP server's function." });
        if (options.McpUrlOutput)
        {
            // Off against moto: it skips AWS::Lambda::Url, and an output reading the URL fails its CreateStack.
            var auth = deployment.McpAuth == McpUrlAuth.None ? "public" : "AWS_IAM auth";
            _ = new CfnOutput(this, "McpUrl", new CfnOutputProps { Value = url.Url, Description = $"The MCP server's function URL ({auth})." });
        }
    }

    private Function StepFunction(string step, Code code, ILayerVersion duckdb, AwsDeployment deployment, string store, ILayerVersion? wasmtime = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["HAKIRI_MANIFEST"] = "/var/task/hakiri.toml",
            ["HAKIRI_STORE"] = store,
            ["HAKIRI_DUCKDB_MEMORY_LIMIT"] = deployment.DuckDbMemoryLimit,
        };
        if (wasmtime is not null)
        {
            environment["HAKIRI_WASM_CACHE"] = WasmtimeLayer.CacheDirectory;
        }

        var id = Pascal(step);
        var logs = new LogGroup(this, id + "Logs", new Amazon.CDK.AWS.Logs.LogGroupProps { RemovalPolicy = RemovalPolicy.DESTROY });
        // Any CloudWatch Logs period the manifest allows, not only the ones the CDK's enum names.
        ((CfnLogGroup)logs.Node.DefaultChild!).RetentionInDays = deployment.LogRetentionDays;
        return new Function(this, id + "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = step,
            Code = code,
            Layers = wasmtime is null ? [duckdb] : [duckdb, wasmtime],
            MemorySize = deployment.MemoryMb,
            Timeout = Duration.Seconds(deployment.TimeoutSeconds),
            LogGroup = logs,
            Description = $"Hakiri {step}",
            Environment = environment,
        });
    }

    private StateMachine StateMachineOf(ProjectManifest manifest, Dictionary<string, Function> steps)
    {
        var role = new Role(this, "StateMachineRole", new RoleProps { AssumedBy = new ServicePrincipal("states.amazonaws.com") });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "InvokeSteps",
            Effect = Effect.ALLOW,
            Actions = ["lambda:InvokeFunction"],
            Resources = steps.Values.Select(f => f.FunctionArn).ToArray(),
        }));
        var definition = PipelineStateMachine.Write(PipelineStateMachine.Build(manifest));
        return new StateMachine(this, "Pipelines", new StateMachineProps
        {
            DefinitionBody = DefinitionBody.FromString(WithFunctionArns(definition, steps)),
            Role = role,
        });
    }

    /// <summary>
    /// The definition with each <c>${XxxFunctionArn}</c> placeholder replaced by its function's ARN, as an Fn::Join of the
    /// text between placeholders and the ARNs. Not DefinitionSubstitutions or Fn::Sub: moto (the tests' stand-in)
    /// ignores the former and its Fn::Sub turns the definition's "$$." context paths into "$.", while a join carries
    /// the text through untouched everywhere.
    /// </summary>
    private static string WithFunctionArns(string definition, Dictionary<string, Function> steps)
    {
        var arns = steps.ToDictionary(s => StepResources.Placeholder(s.Key), s => s.Value.FunctionArn, StringComparer.Ordinal);
        var parts = new List<string>();
        var start = 0;
        foreach (System.Text.RegularExpressions.Match placeholder in Placeholder().Matches(definition))
        {
            if (arns.TryGetValue(placeholder.Value, out var arn))
            {
                parts.Add(definition[start..placeholder.Index]);
                parts.Add(arn);
                start = placeholder.Index + placeholder.Length;
            }
        }

        parts.Add(definition[start..]);
        return Fn.Join(string.Empty, parts.ToArray());
    }

    [GeneratedRegex(@"\$\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    private void ScheduleRule(string pipeline, string expression, StateMachine stateMachine) =>
        _ = new Rule(this, Pascal(pipeline) + "Schedule", new RuleProps
        {
            Description = $"Runs pipeline '{pipeline}' on {expression}",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Expression(expression),
            Targets =
            [
                new SfnStateMachine(stateMachine, new SfnStateMachineProps
                {
                    Input = RuleTargetInput.FromObject(new Dictionary<string, object> { ["pipelines"] = new[] { pipeline } }),
                }),
            ],
        });

    private static string Pascal(string name) =>
        string.Concat(name.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
