using System.IO.Compression;
using Hakiri.Deploy.Azure.Tests.StandIn;
using Hakiri.Testing;

namespace Hakiri.Deploy.Azure.Tests;

/// <summary>
/// Runs the built <c>hakiri</c> against the stand-in ARM: a copy of the quickstart project, a function package, the
/// test template (or, with <c>emitted</c>, none: the CLI deploys the module emitted from the manifest), and a stand-in <c>az</c> first on PATH that prints a token, so the real AzureCliCredential signs in.
/// </summary>
internal sealed class DeployHarness : IDisposable
{
    public const string Subscription = "0b1f6471-1bf0-4dda-aec3-111122223333";
    private readonly TempDirectory _dir = new();
    private readonly StandInArm _arm;

    /// <param name="arm">The stand-in ARM.</param>
    /// <param name="stage">The stage (and so the resource group) of this test.</param>
    /// <param name="emitted">Deploy the template emitted from the manifest (no <c>--template</c>) instead of the test template.</param>
    public DeployHarness(StandInArm arm, string stage, bool emitted = false)
    {
        _arm = arm;
        Stage = stage;
        Emitted = emitted;
        using (var project = Samples.CopyQuickstart())
        {
            Manifest = _dir.Write("project/hakiri.toml", File.ReadAllText(project.Combine("hakiri.toml")));
        }

        Directory.CreateDirectory(_dir.Combine("project", "data"));
        Package = _dir.Combine("hakiri-functions-azure.zip");
        using (var archive = ZipFile.Open(Package, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("functions.metadata").Open());
            writer.Write("[]");
        }

        Template = _dir.Combine("template");
        Directory.CreateDirectory(Template);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Templates")))
        {
            File.Copy(file, Path.Combine(Template, Path.GetFileName(file)));
        }

        WriteAz("bin", StandInArm.Token);
    }

    /// <summary>A PATH whose <c>az</c> prints a token ARM rejects (expired, other tenant).</summary>
    public string RejectedTokenPath()
    {
        WriteAz("rejected", "some-other-token");
        return $"{_dir.Combine("rejected")}:{DotnetDirectory}:/usr/bin:/bin";
    }

    public string Stage { get; }

    /// <summary>Whether deploys leave out <c>--template</c>, so the CLI deploys the module emitted from the manifest.</summary>
    public bool Emitted { get; }

    public string Group => $"hakiri-quickstart-{Stage}";

    public string Manifest { get; }

    public string Package { get; }

    public string Template { get; }

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "hakiri.dll");

    private static string DotnetDirectory => Path.GetDirectoryName(System.Environment.ProcessPath)!;

    /// <summary>The environment of a signed-in user with a subscription; tests blank out what they take away.</summary>
    public Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = $"{_dir.Combine("bin")}:{DotnetDirectory}:/usr/bin:/bin",
        ["AZURE_SUBSCRIPTION_ID"] = Subscription,
        ["HAKIRI_AZURE_PACKAGE"] = Package,
        ["AZURE_TENANT_ID"] = string.Empty,
        ["AZURE_CLIENT_ID"] = string.Empty,
        ["AZURE_CLIENT_SECRET"] = string.Empty,
        ["AZURE_FEDERATED_TOKEN_FILE"] = string.Empty,
        ["IDENTITY_ENDPOINT"] = string.Empty,
        ["MSI_ENDPOINT"] = string.Empty,
        ["AZURE_LOCATION"] = string.Empty,
        ["HAKIRI_AZURE_ENDPOINT"] = string.Empty,
    };

    /// <summary><c>hakiri deploy azure</c> for this stage in westeurope, plus <paramref name="extra"/> arguments.</summary>
    public Task<ProcessResult> DeployAsync(params string[] extra) => DeployWithAsync(Environment(), extra);

    public Task<ProcessResult> DeployWithAsync(IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        RunAsync(environment, ["deploy", "azure", "-m", Manifest, "--stage", Stage,
            .. Emitted ? Array.Empty<string>() : ["--template", Template],
            .. extra.Contains("--location") ? Array.Empty<string>() : ["--location", "westeurope"],
            .. extra.Contains("--endpoint-url") ? Array.Empty<string>() : ["--endpoint-url", _arm.BaseUrl],
            .. extra]);

    /// <summary><c>hakiri destroy azure</c> for this stage, plus <paramref name="extra"/> arguments.</summary>
    public Task<ProcessResult> DestroyAsync(params string[] extra) =>
        RunAsync(Environment(), ["destroy", "azure", "-m", Manifest, "--stage", Stage, "--endpoint-url", _arm.BaseUrl, .. extra]);

    public void Dispose() => _dir.Dispose();

    private static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> environment, string[] arguments) =>
        ExternalProcess.RunAsync("dotnet", [Cli, .. arguments], timeout: TimeSpan.FromMinutes(3), environment: environment);

    private void WriteAz(string folder, string token)
    {
        _dir.Write($"{folder}/az", $$"""
            #!/bin/sh
            echo '{"accessToken":"{{token}}","expiresOn":"2099-01-01 00:00:00.000000","expires_on":4070908800,"subscription":"{{Subscription}}","tenant":"72f988bf-86f1-41af-91ab-2d7cd011db47","tokenType":"Bearer"}'
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_dir.Combine(folder, "az"), (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }
}
