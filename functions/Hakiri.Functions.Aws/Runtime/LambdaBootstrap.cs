using Hakiri.Connectors.Contract;
using Hakiri.Functions.Aws.Secrets;
using Hakiri.Manifest;
using Hakiri.Mcp.Access;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;
using Hakiri.Store;
using Hakiri.Store.Objects;
using Hakiri.Store.S3;
using Hakiri.Wasm;

namespace Hakiri.Functions.Aws.Runtime;

/// <summary>
/// The bootstrap's loop: initialise once (load the manifest, resolve the store), then take invocations one by one
/// and answer each with the step's output or an error whose type is the step's error name, which is what Step
/// Functions' Retry and Catch match.
/// </summary>
internal static class LambdaBootstrap
{
    public static async Task<int> RunAsync(EnvironmentSettings settings, CancellationToken cancellationToken)
    {
        if (settings.RuntimeApi.Length == 0)
        {
            await Console.Error.WriteLineAsync("bootstrap: AWS_LAMBDA_RUNTIME_API is not set; this program runs inside AWS Lambda or under 'hakiri run --via lambda'.").ConfigureAwait(false);
            return 2;
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var api = new RuntimeApiClient(http, settings.RuntimeApi);
        Func<string, CancellationToken, Task<string>> handle;
        McpFunction? mcp = null;
        try
        {
            if (settings.Handler == "mcp")
            {
                var manifest = LoadManifest(settings);
                var (layout, mirror) = OpenStore(settings, manifest);
                var gate = AccessGates.For(manifest, layout);
                mcp = await McpFunction.OpenAsync(layout, mirror, gate is null ? null : gate.Admit, manifest.Access?.AuditKeys ?? AuditKeyMode.Hashed, cancellationToken).ConfigureAwait(false);
                handle = mcp.HandleAsync;
            }
            else
            {
                var secrets = SecretEnvironment.FromProcess();
                var host = CreateHost(settings, secrets);
                handle = async (body, token) =>
                {
                    await secrets.ResolveAsync(token).ConfigureAwait(false);
                    return await host.InvokeAsync(settings.Handler, body, token).ConfigureAwait(false);
                };
            }
        }
        catch (StepFailedException e)
        {
            await api.FailInitAsync(new RuntimeError(e.Message, e.ErrorName, []), cancellationToken).ConfigureAwait(false);
            return 1;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await api.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (invocation.TraceId is { } trace)
            {
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", trace);
            }

            try
            {
                var output = await handle(invocation.Body, cancellationToken).ConfigureAwait(false);
                await api.RespondAsync(invocation.RequestId, output, cancellationToken).ConfigureAwait(false);
            }
            catch (StepFailedException e)
            {
                await api.FailAsync(invocation.RequestId, new RuntimeError(e.Message, e.ErrorName, []), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An unexpected exception is a bug: report its type so Catch on States.ALL names it, with the trace for logs.
                var stack = (e.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                await api.FailAsync(invocation.RequestId, new RuntimeError(e.Message, e.GetType().Name, stack), cancellationToken).ConfigureAwait(false);
            }
        }

        mcp?.Dispose();
        return 0;
    }

    // Local stores run in place; S3 stores (from the manifest or HAKIRI_STORE) run against a mirror in /tmp that commits back
    // with conditional puts, so concurrent functions never lose each other's commits.
    // Connectors read [deploy.aws] secrets through their environment seam (SecretEnvironment), resolved before the first step.
    private static IStepHost CreateHost(EnvironmentSettings settings, SecretEnvironment secrets)
    {
        var manifest = LoadManifest(settings);
        var (layout, mirror) = OpenStore(settings, manifest);
        var services = secrets.Apply(ConnectorServices.CreateDefault(objects: S3ObjectSource.Open, wasm: WasmConnectors.Create));
        var context = new StepContext(manifest, layout, options: StepOptions.FromEnvironment(), connectors: _ => services);
        return mirror is null ? new InProcessStepHost(context) : new MirroredStepHost(context, mirror);
    }

    private static ProjectManifest LoadManifest(EnvironmentSettings settings)
    {
        var loaded = ManifestLoader.LoadProject(settings.ManifestPath);
        return loaded.Value ?? throw new StepFailedException(StepErrors.Permanent,
            $"The manifest {settings.ManifestPath} does not load: {string.Join("; ", loaded.Diagnostics.Where(d => d.IsError))}");
    }

    internal static (StoreLayout Layout, StoreMirror? Mirror) OpenStore(EnvironmentSettings settings, ProjectManifest manifest)
    {
        var store = settings.StoreOverride is { } overridden ? StoreOverride(overridden) : manifest.Store;
        if (store is S3StoreLocation s3)
        {
            var mirror = new StoreMirror(new S3ObjectStore(S3ObjectStore.CreateClient(), s3.Bucket, s3.Prefix),
                new StoreLayout(Path.Combine(Path.GetTempPath(), "hakiri", s3.Bucket, s3.Prefix)));
            return (mirror.Local, mirror);
        }

        if (store is LocalStoreLocation local)
        {
            return (new StoreLayout(local.Directory), null);
        }

        throw new StepFailedException(StepErrors.BadInput,
            $"The store {store.Display} is not one a Lambda function opens: set HAKIRI_STORE (or the manifest's store) to s3://bucket/prefix or a directory; Azure Blob stores run in the Azure function app.");
    }

    /// <summary><c>HAKIRI_STORE</c>: <c>s3://bucket[/prefix]</c> (what the deployed stack sets), <c>azblob://…</c> or a directory.</summary>
    internal static StoreLocation StoreOverride(string value) => StoreLocation.FromString(value);
}
