using System.IO.Compression;
using Hakiri.Deploy.Azure.Tests.StandIn;

namespace Hakiri.Deploy.Azure.Tests;

/// <summary><c>hakiri deploy azure</c> run as a process against the stand-in ARM on 127.0.0.1.</summary>
[Collection(StandInArmCollection.Name)]
public sealed class DeployAzureCommandTests(StandInArmFixture fixture)
{
    private readonly StandInArm _arm = fixture.Arm;

    [Fact]
    public async Task Plan_OnANewResourceGroup_ListsCreatesAndCreatesNothing()
    {
        using var harness = new DeployHarness(_arm, "plan");
        var writesBefore = Writes();

        var plan = await harness.DeployAsync("--plan");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"+ {harness.Group}  Microsoft.Resources/resourceGroups (new, in westeurope)", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ hakiri-quickstart-dev       Microsoft.Web/sites", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("5 to add, 0 to change, 0 to remove.", plan.Stdout, StringComparison.Ordinal);
        Assert.Null(_arm.Resources(harness.Group));
        Assert.Equal(writesBefore, Writes());
    }

    [Fact]
    public async Task Deploy_WebAssemblyConnector_PublishesItsConnectorTomlAndModuleBesideTheManifest()
    {
        // ADR 0032: the app runs guests, so the package carries what [connectors.items] path names.
        using var harness = new DeployHarness(_arm, "wasm");
        var folder = Path.Combine(Path.GetDirectoryName(harness.Manifest)!, "connectors", "items");
        Directory.CreateDirectory(folder);
        File.Copy(Hakiri.Testing.RepoPaths.Of("tests", "guests", "c", "items", "connector.toml"), Path.Combine(folder, "connector.toml"));
        byte[] module = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        File.WriteAllBytes(Path.Combine(folder, "items.wasm"), module);
        File.AppendAllText(harness.Manifest, """

            [connectors.items]
            path = "connectors/items"
            grant = ["http:127.0.0.1", "env:ITEMS_TOKEN"]

            [pipelines.items.source]
            connector = "items"
            base_url = "http://127.0.0.1:9"
            """);

        var deployed = await harness.DeployAsync();

        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        using var zip = new ZipArchive(new MemoryStream(_arm.Published.Last()));
        Assert.Equal(File.ReadAllText(harness.Manifest), ReadManifest(_arm.Published.Last()));
        using var entry = zip.GetEntry("connectors/items/items.wasm")!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        Assert.Equal(module, copy.ToArray());
        Assert.NotNull(zip.GetEntry("connectors/items/connector.toml"));
    }

    [Fact]
    public async Task Deploy_CreatesPublishesAndPrintsOutputs_ThenRedeployChangesNothing_AndAChangeIsPlannedAndApplied()
    {
        using var harness = new DeployHarness(_arm, "full");
        var published = _arm.Published.Count;

        var created = await harness.DeployAsync();

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"Created resource group {harness.Group} in westeurope.", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web/sites hakiri-quickstart-dev: Succeeded", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("storeAccountName    hkquickstartdevstore", created.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, _arm.Resources(harness.Group)!.Count);
        Assert.Equal(published + 1, _arm.Published.Count);
        Assert.Equal(File.ReadAllText(harness.Manifest), ReadManifest(_arm.Published.Last()));
        using (var zip = new ZipArchive(new MemoryStream(_arm.Published.Last())))
        {
            Assert.NotNull(zip.GetEntry("functions.metadata"));
        }

        // ARM said Retry-After: 1 on the PUT: the first status poll waited for it (and later polls, told 0, did not).
        var put = _arm.Requests.Last(r => r.Method == "PUT" && r.Path.Contains("/deployments/", StringComparison.Ordinal));
        var firstPoll = _arm.Requests.First(r => r.At >= put.At && r.Path.StartsWith("/operations/", StringComparison.Ordinal));
        Assert.InRange(firstPoll.At - put.At, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));

        var again = await harness.DeployAsync();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"No changes: deployment {harness.Group} in {harness.Group} is up to date.", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(published + 1, _arm.Published.Count);

        // Only the manifest changed: the package is published again, the deployment is not repeated.
        File.AppendAllText(harness.Manifest, "\n# edited\n");
        var puts = _arm.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("/deployments/", StringComparison.Ordinal));
        var manifestOnly = await harness.DeployAsync();
        Assert.True(manifestOnly.ExitCode == 0, manifestOnly.ToString());
        Assert.Contains("publishing the changed function package only", manifestOnly.Stdout, StringComparison.Ordinal);
        Assert.Equal(published + 2, _arm.Published.Count);
        Assert.EndsWith("# edited\n", ReadManifest(_arm.Published.Last()), StringComparison.Ordinal);
        Assert.Equal(puts, _arm.Requests.Count(r => r.Method == "PUT" && r.Path.Contains("/deployments/", StringComparison.Ordinal)));

        File.WriteAllText(Path.Combine(harness.Template, "main.parameters.json"),
            File.ReadAllText(Path.Combine(harness.Template, "main.parameters.json")).Replace("\"planName\"", "\"instanceMemoryMB\": { \"value\": 4096 },\n    \"planName\"", StringComparison.Ordinal));
        var plan = await harness.DeployAsync("--plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("~ hakiri-quickstart-dev  Microsoft.Web/sites  (properties)", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to remove, 4 unchanged.", plan.Stdout, StringComparison.Ordinal);
        Assert.Equal(published + 2, _arm.Published.Count);

        var updated = await harness.DeployAsync();
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Contains("No changes", (await harness.DeployAsync()).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WhenAResourceFails_NamesTheResourceAndArmsMessage_AndExitsOne()
    {
        using var harness = new DeployHarness(_arm, "failing");
        _arm.FailingType = "Microsoft.Web/serverfarms";
        try
        {
            var result = await harness.DeployAsync();

            Assert.True(result.ExitCode == 1, result.ToString());
            const string Expected = "error: deployment hakiri-quickstart-failing failed at Microsoft.Web/serverfarms 'hakiri-quickstart-dev-plan': SkuNotAvailable: "
                + "The requested size for resource 'hakiri-quickstart-dev-plan' is currently not available in location 'westeurope' —";
            Assert.True(result.Stderr.Contains(Expected, StringComparison.Ordinal), result.ToString());
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            _arm.FailingType = null;
        }
    }

    [Fact]
    public async Task Deploy_WhenThrottled_RetriesAfterRetryAfterAndSucceeds()
    {
        using var harness = new DeployHarness(_arm, "throttled");
        var throttled = _arm.Throttled;
        _arm.ThrottleNext(3);

        var result = await harness.DeployAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(throttled + 3, _arm.Throttled);
        Assert.Equal(5, _arm.Resources(harness.Group)!.Count);
    }

    [Theory]
    [InlineData("no credentials", "error: no Azure credentials found: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or sign in with `az login`")]
    [InlineData("rejected token", "the token was rejected; sign in again (`az login`)")]
    [InlineData("unknown location", "error: 'mars-north' is not an Azure region")]
    [InlineData("no subscription", "error: no Azure subscription is set — pass --subscription ID or set AZURE_SUBSCRIPTION_ID")]
    [InlineData("bad subscription", "is not a subscription id (a GUID)")]
    [InlineData("no package", "build it with scripts/package-azure.sh")]
    [InlineData("no template", "main.json does not exist — run `hakiri emit azure -o")]
    [InlineData("malformed endpoint", "is not an http(s) URL")]
    public async Task BadInput_ExitsTwoWithOneSentence_AndWritesNothing(string problem, string expected)
    {
        using var harness = new DeployHarness(_arm, "bad");
        var environment = harness.Environment();
        var writesBefore = Writes();
        string[] extra = [];
        switch (problem)
        {
            case "no credentials":
                environment["PATH"] = Path.GetDirectoryName(Environment.ProcessPath)!;
                break;
            case "rejected token":
                environment["PATH"] = harness.RejectedTokenPath();
                break;
            case "unknown location":
                extra = ["--location", "mars-north"];
                break;
            case "no subscription":
                environment["AZURE_SUBSCRIPTION_ID"] = string.Empty;
                break;
            case "bad subscription":
                extra = ["--subscription", "my-subscription"];
                break;
            case "no package":
                environment["HAKIRI_AZURE_PACKAGE"] = Path.Combine(harness.Template, "missing.zip");
                break;
            case "no template":
                Directory.Delete(harness.Template, recursive: true);
                break;
            case "malformed endpoint":
                extra = ["--endpoint-url", "localhost:5000"];
                break;
        }

        var result = await harness.DeployWithAsync(environment, extra);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(writesBefore, Writes());
        Assert.Null(_arm.Resources(harness.Group));
    }

    private int Writes() => _arm.Requests.Count(r => r.Method is "PUT" or "DELETE" || (r.Method == "POST" && !r.Path.Contains("/whatIf", StringComparison.OrdinalIgnoreCase)));

    private static string ReadManifest(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package));
        using var reader = new StreamReader(zip.GetEntry("hakiri.toml")!.Open());
        return reader.ReadToEnd();
    }
}
