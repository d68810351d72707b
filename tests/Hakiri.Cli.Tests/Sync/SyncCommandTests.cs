using Hakiri.Store.S3;
using Hakiri.Sync;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Cli.Tests.Sync;

/// <summary><c>hakiri sync</c> as users run it: two copies of the quickstart (two laptops) and one moto bucket.</summary>
public sealed class SyncCommandTests : IDisposable
{
    private readonly MotoServer _moto = new();

    public void Dispose() => _moto.Dispose();

    [Fact]
    public async Task SyncPushPull_QuickstartFromLaptopAToLaptopB_BQueriesTheSameRows()
    {
        var bucket = await NewBucketAsync();
        using var a = Samples.CopyQuickstart();
        using var b = Samples.CopyQuickstart();
        var manifestB = b.Combine("hakiri.toml");
        File.WriteAllText(manifestB, File.ReadAllText(manifestB).Replace("[project]\n", $"[project]\nremote = \"s3://{bucket}/shop\"\n", StringComparison.Ordinal));
        var remote = $"s3://{bucket}/shop";

        var run = await Hakiri("run", "-m", a.Combine("hakiri.toml"));
        var diagnose = await Hakiri("sync", "diagnose", "-m", a.Combine("hakiri.toml"), "--remote", remote, "-f", "json");
        var push = await Hakiri("sync", "push", "-m", a.Combine("hakiri.toml"), "--remote", remote);
        var pull = await Hakiri("sync", "pull", "-m", manifestB);
        var queryA = await Hakiri("query", "-m", a.Combine("hakiri.toml"), "-f", "csv", Sql);
        var queryB = await Hakiri("query", "-m", manifestB, "-f", "csv", Sql);
        var status = await Hakiri("sync", "status", "-m", manifestB);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(diagnose.ExitCode == 0, diagnose.ToString());
        Assert.Contains("\"multi_writer_safe\": true", diagnose.Stdout, StringComparison.Ordinal);
        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("pushed snapshot 1", push.Stdout, StringComparison.Ordinal);
        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Contains("orders: pulled", pull.Stdout, StringComparison.Ordinal);
        Assert.True(queryB.ExitCode == 0, queryB.ToString());
        Assert.Equal(queryA.Stdout, queryB.Stdout);
        Assert.Contains("products", queryB.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" push ", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" pull ", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncPush_HolderKilledMidUpload_OtherRefusedThenTakesOverAfterExpiryWithNoPartialData()
    {
        var bucket = await NewBucketAsync();
        var remote = $"s3://{bucket}/shop";
        using var a = Samples.CopyQuickstart();
        using var b = Samples.CopyQuickstart();
        Assert.Equal(0, (await Hakiri("run", "-m", a.Combine("hakiri.toml"))).ExitCode);
        Assert.Equal(0, (await Hakiri("run", "-m", b.Combine("hakiri.toml"))).ExitCode);
        await using var proxy = await BucketProxy.StartAsync(_moto.Endpoint);
        proxy.StallPutsAfter = 2;

        var holder = HakiriProcess.Start(Environment(proxy.Endpoint), "sync", "push", "-m", a.Combine("hakiri.toml"), "--remote", remote, "--lease-ttl", "12");
        await proxy.Stalled.WaitAsync(TimeSpan.FromMinutes(2));
        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();
        var refused = await Hakiri("sync", "push", "-m", b.Combine("hakiri.toml"), "--remote", remote);
        using var store = new S3ObjectStore(S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing")), bucket, "shop");
        var lease = await SyncLease.ReadAsync(store);
        var blobsLeft = (await store.ListAsync(SyncProtocol.BlobPrefix)).Count;
        var headDuringCrash = (await store.ListAsync(SyncProtocol.HeadKey)).Count;
        await Task.Delay(TimeSpan.FromTicks(Math.Max(0, (lease!.ExpiresAt - DateTimeOffset.UtcNow).Ticks)) + TimeSpan.FromMilliseconds(200));
        var takeover = await Hakiri("sync", "push", "-m", b.Combine("hakiri.toml"), "--remote", remote, "-f", "json");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"is locked by {(global::System.Environment.UserName)}@", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains(" until ", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, blobsLeft);
        Assert.Equal(0, headDuringCrash);
        Assert.True(takeover.ExitCode == 0, takeover.ToString());
        Assert.Contains("\"sequence\": 1", takeover.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"committed\": true", takeover.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncDiagnoseAndPush_BucketIgnoringConditionalWrites_RefusedWithExit2()
    {
        var bucket = await NewBucketAsync();
        var remote = $"s3://{bucket}/shop";
        using var a = Samples.CopyQuickstart();
        await using var proxy = await BucketProxy.StartAsync(_moto.Endpoint);
        proxy.StripConditions = true;

        var diagnose = await ExternalProcess.RunAsync("dotnet", [Dll, "sync", "diagnose", "-m", a.Combine("hakiri.toml"), "--remote", remote],
            timeout: TimeSpan.FromMinutes(2), environment: Environment(proxy.Endpoint));
        var push = await ExternalProcess.RunAsync("dotnet", [Dll, "sync", "push", "-m", a.Combine("hakiri.toml"), "--remote", remote],
            timeout: TimeSpan.FromMinutes(2), environment: Environment(proxy.Endpoint));

        Assert.Equal(2, diagnose.ExitCode);
        Assert.Contains("FAIL  conditional create", diagnose.Stdout, StringComparison.Ordinal);
        Assert.Contains("multi-writer sync (several installs push under the lease): NOT safe", diagnose.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, push.ExitCode);
        Assert.Contains("does not enforce conditional writes", push.Stderr, StringComparison.Ordinal);
    }

    private const string Sql = "SELECT 'orders' AS t, count(*) AS n, sum(amount) AS s FROM orders UNION ALL SELECT 'products', count(*), NULL FROM products ORDER BY 1";

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "hakiri.dll");

    private Dictionary<string, string> Environment(string endpoint) =>
        new(_moto.Environment, StringComparer.Ordinal) { ["AWS_ENDPOINT_URL"] = endpoint };

    private Task<ProcessResult> Hakiri(params string[] args) => HakiriProcess.RunWithEnvironmentAsync(_moto.Environment, args);

    private async Task<string> NewBucketAsync()
    {
        var name = "sync-" + Guid.NewGuid().ToString("N")[..16];
        using var client = S3ObjectStore.CreateClient(_moto.Endpoint, new Amazon.Runtime.BasicAWSCredentials("testing", "testing"));
        await client.PutBucketAsync(name);
        return name;
    }
}
