using Hakiri.Emit.Aws;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests.Bundle;

/// <summary>
/// The release bundle, unpacked once into a temporary folder with no checkout above it. The bundle is
/// <c>HAKIRI_BUNDLE</c> (a .tar.gz; scripts/test.sh builds it with scripts/dist.sh and sets it), else this fixture runs
/// scripts/dist.sh itself — two Native AOT publishes, so minutes (docs/install.md).
/// </summary>
public sealed class BundleFixture : IAsyncLifetime
{
    private static readonly TimeSpan DistTimeout = TimeSpan.FromMinutes(30);
    private readonly TempDirectory _dir = new();

    /// <summary>The unpacked bundle's root (holds bin/ and lib/).</summary>
    public string Root { get; private set; } = string.Empty;

    /// <summary>The bundle's <c>hakiri</c>.</summary>
    public string Hakiri => Path.Combine(Root, "bin", "hakiri");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var archive = Environment.GetEnvironmentVariable("HAKIRI_BUNDLE") is { Length: > 0 } given ? given : await BuildAsync();
        Assert.True(File.Exists(archive), $"HAKIRI_BUNDLE={archive}: no such file; build it with scripts/dist.sh.");
        var unpack = Directory.CreateDirectory(_dir.Combine("unpacked")).FullName;
        var tar = await ExternalProcess.RunAsync("tar", ["-xzf", Path.GetFullPath(archive), "-C", unpack]);
        Assert.True(tar.ExitCode == 0, tar.ToString());
        Root = Assert.Single(Directory.GetDirectories(unpack));

        // "No checkout": nothing above the bundle (or the tests' projects, in the same temp folder) is the repository.
        for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
        {
            Assert.False(File.Exists(Path.Combine(dir.FullName, "Hakiri.sln")), $"{dir.FullName} holds Hakiri.sln: the bundle test needs a folder outside any checkout.");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<string> BuildAsync()
    {
        // Reuse the Lambda package scripts/package-aws.sh left, if any: it saves one of the two AOT publishes.
        var lambda = RepoPaths.Of("artifacts", "lambda", "hakiri-functions.zip");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["HAKIRI_LAMBDA_ZIP"] = File.Exists(lambda) && File.Exists(DuckDbLayer.Beside(lambda)) && File.Exists(WasmtimeLayer.Beside(lambda)) ? lambda : string.Empty };
        var dist = await ExternalProcess.RunAsync("bash", [RepoPaths.Of("scripts", "dist.sh")], timeout: DistTimeout, environment: environment);
        Assert.True(dist.ExitCode == 0, dist.ToString());
        return Assert.Single(Directory.GetFiles(RepoPaths.Of("dist"), "hakiri-*-linux-x64.tar.gz"));
    }
}
