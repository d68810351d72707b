using Hakiri.Connectors;
using Hakiri.Connectors.Cassettes;
using Hakiri.Connectors.Contract;
using Hakiri.Model.Manifests;
using Hakiri.Store.S3;
using Hakiri.Wasm;

namespace Hakiri.Cli.Connectors;

/// <summary>
/// <c>hakiri run --record</c>: every connector pipeline's HTTP exchanges go through a recorder over the real network;
/// after a successful run each is saved to its pipeline's cassette, secrets redacted.
/// </summary>
internal sealed class CassetteRecording : IDisposable
{
    private readonly ProjectManifest _manifest;
    private readonly HttpMessageHandler _network = ConnectorServices.CreateNetworkHandler(followRedirects: true);

    // A WebAssembly connector's host follows redirects itself, checking each hop against its grants: its recorder sits
    // over a handler that does not follow them (and so records every hop).
    private readonly HttpMessageHandler _guestNetwork = ConnectorServices.CreateNetworkHandler(followRedirects: false);
    private readonly Dictionary<string, (CassetteRecorder Recorder, ConnectorServices Services)> _pipelines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public CassetteRecording(ProjectManifest manifest) => _manifest = manifest;

    /// <summary>The services of a pipeline: its own recorder over the shared network handler.</summary>
    public ConnectorServices ServicesFor(PipelineManifest pipeline)
    {
        lock (_gate)
        {
            if (!_pipelines.TryGetValue(pipeline.Name, out var entry))
            {
                var redactor = SourceConnectors.Redactor(pipeline, Environment.GetEnvironmentVariable);
                var recorder = new CassetteRecorder(pipeline.Source is WasmSourceManifest ? _guestNetwork : _network, redactor);
                entry = (recorder, new ConnectorServices(recorder, Environment.GetEnvironmentVariable, TimeProvider.System,
                    Objects: S3ObjectSource.Open, Wasm: WasmConnectors.Create));
                _pipelines[pipeline.Name] = entry;
            }

            return entry.Services;
        }
    }

    /// <summary>Saves each recorded pipeline's cassette; returns (pipeline, path, exchanges).</summary>
    public IReadOnlyList<(string Pipeline, string Path, int Exchanges)> Save()
    {
        var saved = new List<(string, string, int)>();
        foreach (var (pipeline, (recorder, _)) in _pipelines.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = CassettePaths.Default(_manifest, pipeline);
            recorder.Save(path);
            saved.Add((pipeline, path, recorder.Count));
        }

        return saved;
    }

    public void Dispose()
    {
        foreach (var (recorder, _) in _pipelines.Values)
        {
            recorder.Dispose();
        }

        _network.Dispose();
        _guestNetwork.Dispose();
    }
}
