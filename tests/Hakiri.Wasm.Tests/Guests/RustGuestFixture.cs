using Hakiri.Testing;
using Hakiri.Wasm.Build;

namespace Hakiri.Wasm.Tests.Guests.Rust;

/// <summary>The Rust guest test classes share one <see cref="RustGuestFixture"/>: building is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class RustGuestCollection : ICollectionFixture<RustGuestFixture>
{
    public const string Name = "Rust guests";
}

/// <summary>
/// Builds once per test run what the Rust guest tests read: the items guest, a connector made from the template, and
/// a native program that writes an Arrow stream with the SDK.
/// </summary>
public sealed class RustGuestFixture : IAsyncLifetime
{
    /// <summary>The name the template is instantiated with, as <c>hakiri connector new NAME --lang rust</c> would.</summary>
    public const string TemplateName = "demo-rust";

    private readonly TempDirectory _temp = new();

    public static string SdkDirectory => RepoPaths.Of("connectors", "sdk", "rust");

    public string ItemsWasm => _temp.Combine("items.wasm");

    public string TemplateDirectory => _temp.Combine(TemplateName);

    public string TemplateWasm => _temp.Combine($"{TemplateName}.wasm");

    public string ArrowSampleStream => _temp.Combine("sample.arrows");

    public async Task InitializeAsync()
    {
        await RustGuestBuild.BuildAsync(TestGuests.Prepare("rust", "items", _temp.Combine("items")), SdkDirectory, ItemsWasm);
        CopyTemplate(RepoPaths.Of("connectors", "templates", "rust"), TemplateDirectory);
        await RustGuestBuild.BuildAsync(TemplateDirectory, SdkDirectory, TemplateWasm);
        await BuildArrowSampleAsync();
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The template with <c>{{name}}</c> filled in, as the CLI's <c>connector new</c> writes it.</summary>
    private static void CopyTemplate(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("{{name}}", TemplateName, StringComparison.Ordinal));
        }
    }

    /// <summary>The SDK as a native rlib, then <c>tests/guests/rust/arrow-sample/main.rs</c> against it, run once.</summary>
    private async Task BuildArrowSampleAsync()
    {
        var native = _temp.Combine("native");
        Directory.CreateDirectory(native);
        string[] flags = ["--edition", "2021", "-C", "opt-level=1"];
        await RustcAsync([.. flags, "--crate-type", "rlib", "--crate-name", "hakiri_connector", Path.Combine(SdkDirectory, RustGuestBuild.SdkFileName), "--out-dir", native]);
        var program = _temp.Combine("arrow-sample");
        await RustcAsync([.. flags, "--extern", $"hakiri_connector={Path.Combine(native, "libhakiri_connector.rlib")}",
            RepoPaths.Of("tests", "guests", "rust", "arrow-sample", "main.rs"), "-o", program]);
        var run = await ExternalProcess.RunAsync(program, [ArrowSampleStream]);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private static async Task RustcAsync(IEnumerable<string> arguments)
    {
        var result = await ExternalProcess.RunAsync(RustGuestBuild.DefaultRustc, arguments, timeout: TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
