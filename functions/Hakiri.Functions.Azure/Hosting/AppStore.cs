using Hakiri.Connectors.Contract;
using Hakiri.Manifest;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Hosting;
using Hakiri.Store;
using Hakiri.Store.Azure;
using Hakiri.Store.Objects;
using Hakiri.Wasm;

namespace Hakiri.Functions.Azure.Hosting;

/// <summary>
/// The app's view of the project: the manifest from <c>HAKIRI_MANIFEST</c> and the store from <c>HAKIRI_STORE</c> (or
/// the manifest's). A Blob store runs through a mirror in the temp directory that commits back conditionally, as the
/// Lambda host does for S3; steps run through <see cref="MirroredStepHost"/>. Opened once per worker, on first use.
/// </summary>
internal sealed class AppStore : IAsyncDisposable
{
    private AppStore(ProjectManifest manifest, StoreLayout layout, StoreMirror? mirror, IStepHost host)
    {
        // Readers (the MCP endpoint) get their own working copy: the steps' mirror directory is theirs alone.
        ReadMirror = mirror is null ? null : new StoreMirror(mirror.Remote, new StoreLayout(mirror.Local.Root + "-read"));
        Manifest = manifest;
        Layout = layout;
        Mirror = mirror;
        Host = host;
    }

    public ProjectManifest Manifest { get; }

    public StoreLayout Layout { get; }

    public StoreMirror? Mirror { get; }

    /// <summary>A second mirror of a Blob store for readers, or null for a local store.</summary>
    public StoreMirror? ReadMirror { get; }

    /// <summary>Where the activities run the steps.</summary>
    public IStepHost Host { get; }

    // The real network, environment and clock, and WebAssembly connectors in their sandbox (ADR 0032).
    private static readonly Lazy<ConnectorServices> Connectors = new(() => ConnectorServices.CreateDefault(wasm: WasmConnectors.Create));

    public static AppStore Open(AppSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ManifestLoader.LoadProject(settings.ManifestPath);
        var manifest = loaded.Value ?? throw new StepFailedException(StepErrors.Permanent,
            $"The manifest {settings.ManifestPath} does not load: {string.Join("; ", loaded.Diagnostics.Where(d => d.IsError))}; check the app setting HAKIRI_MANIFEST and the deployed package.");
        var store = settings.Store ?? manifest.Store;
        if (store is AzureBlobStoreLocation blob)
        {
            var remote = BlobObjectStore.Open(blob, settings.Environment);
            var mirror = new StoreMirror(remote, new StoreLayout(Path.Combine(Path.GetTempPath(), "hakiri", blob.Container, blob.Prefix)));
            var context = new StepContext(manifest, mirror.Local, options: StepOptions.FromEnvironment(), connectors: _ => Connectors.Value);
            return new AppStore(manifest, mirror.Local, mirror, new MirroredStepHost(context, mirror));
        }

        if (store is LocalStoreLocation local)
        {
            var layout = new StoreLayout(local.Directory);
            return new AppStore(manifest, layout, null, new InProcessStepHost(new StepContext(manifest, layout, options: StepOptions.FromEnvironment(), connectors: _ => Connectors.Value)));
        }

        throw new StepFailedException(StepErrors.Permanent,
            $"The store {store.Display} cannot be used by the Azure function app; set HAKIRI_STORE to azblob://<container>/<prefix>.");
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
