using Hakiri.Connectors.Contract;
using Hakiri.LocalLambda;
using Hakiri.Model.Manifests;
using Hakiri.Steps;
using Hakiri.Steps.Hosting;
using Hakiri.Runner;
using Hakiri.Runner.Hosting;
using Hakiri.Store;
using Hakiri.Store.Catalog;
using Hakiri.Store.Objects;
using Hakiri.Store.S3;
using Hakiri.Wasm;

namespace Hakiri.Cli.Commands;

/// <summary>
/// A command's view of the project's store: the local directory itself, or, for object stores (<c>s3://</c>,
/// <c>azblob://</c>; see <see cref="ObjectStores"/>), a mirror in a temporary directory that steps run against and that
/// commits back with conditional puts.
/// </summary>
internal sealed class StoreSession : IDisposable
{
    private static readonly Lazy<ConnectorServices> DefaultServices = new(() => ConnectorServices.CreateDefault(objects: S3ObjectSource.Open, wasm: WasmConnectors.Create));

    private StoreSession(ProjectManifest manifest, StoreLayout layout, StoreMirror? mirror)
    {
        Manifest = manifest;
        Layout = layout;
        Mirror = mirror;
    }

    public ProjectManifest Manifest { get; }

    public StoreLayout Layout { get; }

    public StoreMirror? Mirror { get; }

    /// <summary>Opens the manifest's store.</summary>
    /// <exception cref="StoreOpenException">The store cannot be used as configured.</exception>
    public static StoreSession Open(ProjectManifest manifest)
    {
        if (ObjectStores.Open(manifest.Store) is { } remote)
        {
            var cache = Path.Combine(Path.GetTempPath(), "hakiri-" + Guid.NewGuid().ToString("N")[..12]);
            return new StoreSession(manifest, new StoreLayout(cache), new StoreMirror(remote, new StoreLayout(cache)));
        }

        return new StoreSession(manifest, new StoreLayout(((LocalStoreLocation)manifest.Store).Directory), null);
    }

    /// <summary>
    /// The runner for this store: the emulator drives the steps in this process, or — with a
    /// <paramref name="bootstrap"/> — in warm function processes behind a local Lambda Runtime API.
    /// </summary>
    /// <param name="observe">Receives progress.</param>
    /// <param name="bootstrap">The function binary to run steps in, or <see langword="null"/> for this process.</param>
    /// <param name="connectors">Connector services per pipeline (a recording or replaying network), or the real ones.</param>
    public PipelineRunner Runner(Action<RunEvent>? observe, string? bootstrap = null, Func<PipelineManifest, ConnectorServices>? connectors = null)
    {
        // The CLI carries AWSSDK.S3, so every pipeline's services can open an s3 source's bucket, recorded runs included.
        Func<PipelineManifest, ConnectorServices> services = connectors is null ? _ => DefaultServices.Value : p => connectors(p) with { Objects = S3ObjectSource.Open };
        var context = new StepContext(Manifest, Layout, options: StepOptions.FromEnvironment(), connectors: services)
        {
            Embeddings = LocalEmbeddings.Providers,
            Progress = line => Console.Error.WriteLine("hakiri: " + line),
            ReuseDuckDb = true,
        };
        IStepHost host = bootstrap is not null
            ? new LambdaStepHost(handler => new BootstrapCommand(
                bootstrap.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : bootstrap,
                bootstrap.EndsWith(".dll", StringComparison.Ordinal) ? [bootstrap] : [],
                LocalFunctionEnvironment.For(Manifest, handler, Environment.GetEnvironmentVariable)), TimeSpan.FromSeconds(Manifest.Aws.TimeoutSeconds))
            : Mirror is null ? new InProcessStepHost(context) : new MirroredStepHost(context, Mirror);
        IRunLedger ledger = Mirror is null ? new LocalRunLedger(Layout, context.Clock) : new MirroredRunLedger(Mirror, context.Clock);
        return new PipelineRunner(Manifest, host, ledger, context.Clock, observe);
    }

    /// <summary>Makes the catalog (and, with <paramref name="withData"/>, every live file) readable locally.</summary>
    public async Task PrepareForReadingAsync(bool withData, CancellationToken cancellationToken = default)
    {
        if (Mirror is null)
        {
            return;
        }

        if (withData)
        {
            await Mirror.PullForReadingAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Mirror.PullCatalogAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        (Mirror?.Remote as IDisposable)?.Dispose();
        if (Mirror is not null && Directory.Exists(Layout.Root))
        {
            Directory.Delete(Layout.Root, recursive: true);
        }
    }
}
