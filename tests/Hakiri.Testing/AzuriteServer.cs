using System.Diagnostics;
using System.Globalization;

namespace Hakiri.Testing;

/// <summary>
/// Azurite's Blob service (the Azure Storage emulator, npm <c>azurite</c> in tests/tools) started on 127.0.0.1 with
/// in-memory persistence for a test collection, and stopped after. Share one per collection.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    /// <summary>Starts the Blob service on a free loopback port and waits until it accepts connections (at most 30 s).</summary>
    public AzuriteServer()
    {
        Port = Loopback.FreePort();
        var executable = RepoPaths.Of("tests", "tools", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run scripts/install-test-deps.sh (it runs npm install in tests/tools).");
        }

        var info = new ProcessStartInfo(executable);
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent",
        })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Loopback.StartServer(info, Port, "Azurite");
    }

    /// <summary>The loopback port of the Blob service.</summary>
    public int Port { get; }

    /// <summary>The Blob endpoint, account included (path-style, as Azurite serves it).</summary>
    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{Account}";

    /// <summary>The connection string to pass as <c>AZURE_STORAGE_CONNECTION_STRING</c>.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    /// <summary>Environment variables that point Hakiri at this server.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AZURE_STORAGE_CONNECTION_STRING"] = ConnectionString,
    };

    /// <inheritdoc />
    public void Dispose() => Loopback.Stop(_process);
}
