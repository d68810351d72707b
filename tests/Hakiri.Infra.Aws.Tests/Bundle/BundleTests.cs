using System.Text.Json;
using System.Text.RegularExpressions;
using Hakiri.Testing;

namespace Hakiri.Infra.Aws.Tests.Bundle;

/// <summary>
/// The release bundle as a user gets it: unpacked with no checkout around it, <c>hakiri</c> finds its native libraries,
/// the CDK app and the Lambda package relative to itself (docs/install.md).
/// </summary>
public sealed partial class BundleTests(BundleFixture bundle) : IClassFixture<BundleFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _project = new();

    [Fact]
    public async Task Version_PrintsTheVersionAndTheCommit()
    {
        var result = await HakiriAsync(["--version"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var version = Regex.Match(File.ReadAllText(RepoPaths.Of("Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.Matches(VersionLine(), result.Stdout.Trim());
        Assert.StartsWith(version + "+", result.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitRunServe_FromTheBundle_LandAndServeTheSample()
    {
        var init = await HakiriAsync(["init", "shop"]);
        Assert.True(init.ExitCode == 0, init.ToString());
        var run = await HakiriAsync(["run", "-m", "shop/hakiri.toml"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        var spec = new Dictionary<string, object>
        {
            ["transport"] = "stdio",
            ["command"] = bundle.Hakiri,
            ["args"] = new[] { "serve", "-m", _project.Combine("shop", "hakiri.toml") },
            ["calls"] = new[] { new Dictionary<string, object> { ["name"] = "context.query", ["arguments"] = new Dictionary<string, string> { ["sql"] = "SELECT count(*) AS n FROM orders" } } },
        };
        var client = await ExternalProcess.RunAsync(
            "node", [RepoPaths.Of("tests", "tools", "mcp-client.mjs"), JsonSerializer.Serialize(spec)], workingDirectory: _project.Path, timeout: Timeout, environment: Clean());

        Assert.True(client.ExitCode == 0, client.ToString());
        var output = JsonDocument.Parse(client.Stdout).RootElement;
        Assert.Contains("context.query", output.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(5, output.GetProperty("results")[0].GetProperty("structuredContent").GetProperty("rows")[0].GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task EmitAndPlan_WithNoCheckout_UseTheBundlesCdkAppAndLambdaPackage()
    {
        Assert.True((await HakiriAsync(["init", "shop"])).ExitCode == 0);

        var emit = await HakiriAsync(["emit", "aws", "-m", "shop/hakiri.toml", "-o", "cdk.out", "--no-mcp-url-output"]);
        Assert.True(emit.ExitCode == 0, emit.ToString());
        Assert.Contains("AWS::StepFunctions::StateMachine", File.ReadAllText(_project.Combine("cdk.out", "hakiri-my-project-dev.template.json")), StringComparison.Ordinal);
        // The bundle's packages, not stand-ins: the AOT bootstrap with the manifest added, and the DuckDB layer.
        var assets = Directory.GetFiles(_project.Combine("cdk.out"), "asset.*.zip");
        Assert.Equal(2, assets.Length);
        var entries = assets.Select(a =>
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(a);
            return archive.Entries.ToDictionary(e => e.FullName, e => e.Length, StringComparer.Ordinal);
        }).ToList();
        var function = Assert.Single(entries, e => e.ContainsKey("bootstrap"));
        Assert.True(function["bootstrap"] > 1_000_000);
        Assert.Contains("hakiri.toml", function.Keys);
        Assert.DoesNotContain("libduckdb.so", function.Keys);
        var layer = Assert.Single(entries, e => !e.ContainsKey("bootstrap"));
        Assert.True(Assert.Single(layer, e => e.Key == "lib/libduckdb.so").Value > 10_000_000);

        using var moto = new MotoServer();
        var environment = Clean();
        foreach (var (name, value) in moto.Environment)
        {
            environment[name] = value;
        }

        var plan = await HakiriAsync(["deploy", "aws", "-m", "shop/hakiri.toml", "--plan", "--no-mcp-url-output"], environment);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("+ Pipelines", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("to add, 0 to change, 0 to remove.", plan.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LambdaPackage_RunsThePipeline_WithDuckDbFromItsLayer()
    {
        // As the Lambda service lays them out: the function zip in /var/task, the layer in /opt, /opt/lib on the
        // library path (ADR 0029). The bootstrap runs every step through the local Runtime API (--via lambda).
        Assert.True((await HakiriAsync(["init", "shop"])).ExitCode == 0);
        var task = _project.Combine("var-task");
        var opt = _project.Combine("opt");
        System.IO.Compression.ZipFile.ExtractToDirectory(Path.Combine(bundle.Root, "lib", "lambda", "hakiri-functions.zip"), task);
        System.IO.Compression.ZipFile.ExtractToDirectory(Path.Combine(bundle.Root, "lib", "lambda", "hakiri-duckdb-layer.zip"), opt);
        Assert.False(File.Exists(Path.Combine(task, "libduckdb.so")));   // extraction keeps the zip's modes: bootstrap is executable

        var bare = Clean();
        bare["LD_LIBRARY_PATH"] = string.Empty;   // whatever the test runner's environment holds
        var withoutLayer = await HakiriAsync(["run", "-m", "shop/hakiri.toml", "--via", "lambda", "--bootstrap", Path.Combine(task, "bootstrap")], bare);
        Assert.NotEqual(0, withoutLayer.ExitCode);
        Assert.Contains("DuckDB's native library was not found", withoutLayer.ToString(), StringComparison.Ordinal);

        var environment = Clean();
        environment["LD_LIBRARY_PATH"] = Path.Combine(opt, "lib");
        var run = await HakiriAsync(["run", "-m", "shop/hakiri.toml", "--via", "lambda", "--bootstrap", Path.Combine(task, "bootstrap")], environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        var query = await HakiriAsync(["query", "-m", "shop/hakiri.toml", "-f", "csv", "SELECT count(*) AS n FROM orders"]);
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Equal("5", query.Stdout.Trim().Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task LambdaPackage_RunsAWebAssemblyConnector_AsEmittedWithItsFilesAndTheWasmtimeLayer()
    {
        // ADR 0032: the C template guest, built by the bundle's hakiri, packaged by `emit aws` (the manifest and the
        // connector's files in the function zip, libwasmtime.so in a layer of its own), then laid out as Lambda lays it
        // out and run through the local Runtime API against an API on 127.0.0.1.
        await using var api = await Hakiri.Testing.Http.ItemsApi.StartAsync(120);
        TestGuests.Prepare("c", "items", _project.Combine("staff", "connectors", "items"));
        var build = await HakiriAsync(["connector", "build", "staff/connectors/items"]);
        Assert.True(build.ExitCode == 0, build.ToString());
        File.WriteAllText(_project.Combine("staff", "hakiri.toml"), $$"""
            [project]
            name = "staff"

            [connectors.items]
            path = "connectors/items"
            grant = ["http:127.0.0.1", "env:ITEMS_TOKEN"]

            [pipelines.items]
            primary_key = ["id"]

            [pipelines.items.source]
            connector = "items"
            base_url = "{{api.BaseUrl}}"
            page_size = 50
            """);

        var emit = await HakiriAsync(["emit", "aws", "-m", "staff/hakiri.toml", "-o", "cdk.out", "--no-mcp-url-output"]);
        Assert.True(emit.ExitCode == 0, emit.ToString());
        var assets = Directory.GetFiles(_project.Combine("cdk.out"), "asset.*.zip");
        Assert.Equal(3, assets.Length);
        string Asset(string entry) => Assert.Single(assets, a =>
        {
            using var archive = System.IO.Compression.ZipFile.OpenRead(a);
            return archive.GetEntry(entry) is not null;
        });
        var task = _project.Combine("var-task");
        var opt = _project.Combine("opt");
        System.IO.Compression.ZipFile.ExtractToDirectory(Asset("bootstrap"), task);
        System.IO.Compression.ZipFile.ExtractToDirectory(Asset("lib/libduckdb.so"), opt);
        Assert.Equal(
            File.ReadAllBytes(_project.Combine("staff", "connectors", "items", "items.wasm")),
            File.ReadAllBytes(Path.Combine(task, "connectors", "items", "items.wasm")));
        Assert.False(File.Exists(Path.Combine(task, "libwasmtime.so")));

        string[] run = ["run", "-m", Path.Combine(task, "hakiri.toml"), "--via", "lambda", "--bootstrap", Path.Combine(task, "bootstrap")];
        var withoutLayer = Clean();
        withoutLayer["LD_LIBRARY_PATH"] = Path.Combine(opt, "lib");
        var refused = await HakiriAsync(run, withoutLayer);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Wasmtime's native library (libwasmtime.so) was not found", refused.ToString(), StringComparison.Ordinal);

        System.IO.Compression.ZipFile.ExtractToDirectory(Asset("lib/libwasmtime.so"), opt);
        var environment = Clean();
        environment["LD_LIBRARY_PATH"] = Path.Combine(opt, "lib");
        var landed = await HakiriAsync(run, environment);
        Assert.True(landed.ExitCode == 0, landed.ToString());
        var query = await HakiriAsync(["query", "-m", Path.Combine(task, "hakiri.toml"), "-f", "csv", "SELECT count(*) AS n, count(DISTINCT id) AS k FROM items"]);
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Equal("120,120", query.Stdout.Trim().Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task Hakiri_AdvisesHugePagesForTheRuntimesStartUpData()
    {
        // ADR 0028: the object linked in from functions/NativeStartup marks the executable's zero-filled tail (the
        // runtime's hydrated data, about 18 MB) MADV_HUGEPAGE before main; the kernel shows it as "hg" in VmFlags.
        Assert.True((await HakiriAsync(["init", "shop"])).ExitCode == 0);
        var start = new System.Diagnostics.ProcessStartInfo(bundle.Hakiri, ["serve", "-m", "shop/hakiri.toml"])
        {
            WorkingDirectory = _project.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Clean())
        {
            start.Environment[key] = value;
        }

        using var serve = System.Diagnostics.Process.Start(start)!;
        try
        {
            var advised = new List<long>();
            for (var attempt = 0; attempt < 100 && advised.Count == 0 && !serve.HasExited; attempt++)
            {
                await Task.Delay(50);
                advised = AdvisedRegions(await File.ReadAllTextAsync($"/proc/{serve.Id}/smaps"));
            }

            Assert.True(advised.Any(bytes => bytes >= 4L << 20), $"no mapping of 4 MB or more is advised for huge pages (advised: {string.Join(", ", advised)} bytes)");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    public void Dispose() => _project.Dispose();

    /// <summary>No override that would point <c>hakiri</c> back at a checkout, and no real AWS configuration.</summary>
    private Dictionary<string, string> Clean() => new(StringComparer.Ordinal)
    {
        ["HAKIRI_INFRA_AWS"] = string.Empty,
        ["HAKIRI_DUCKDB_LIBRARY"] = string.Empty,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_SHARED_CREDENTIALS_FILE"] = _project.Combine("no-credentials"),
        ["AWS_CONFIG_FILE"] = _project.Combine("no-config"),
    };

    private Task<ProcessResult> HakiriAsync(string[] arguments, Dictionary<string, string>? environment = null) =>
        ExternalProcess.RunAsync(bundle.Hakiri, arguments, workingDirectory: _project.Path, timeout: Timeout, environment: environment ?? Clean());

    // The sizes of the mappings whose VmFlags hold "hg" (MADV_HUGEPAGE), from /proc/PID/smaps.
    private static List<long> AdvisedRegions(string smaps)
    {
        var sizes = new List<long>();
        long size = 0;
        foreach (var line in smaps.Split('\n'))
        {
            if (line.StartsWith("Size:", StringComparison.Ordinal))
            {
                size = long.Parse(line["Size:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("VmFlags:", StringComparison.Ordinal) && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("hg"))
            {
                sizes.Add(size);
            }
        }

        return sizes;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+\+[0-9a-f]{7,40}$")]
    private static partial Regex VersionLine();
}
