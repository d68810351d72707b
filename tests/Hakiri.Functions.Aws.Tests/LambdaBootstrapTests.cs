using System.Text.Json;
using Hakiri.LocalLambda;
using Hakiri.Testing;

namespace Hakiri.Functions.Aws.Tests;

public sealed class LambdaBootstrapTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Steps_ThroughTheRuntimeApi_LandATable()
    {
        using var project = Samples.CopyQuickstart();
        var manifest = project.Combine("hakiri.toml");
        var functions = new Dictionary<string, LocalLambdaFunction>(StringComparer.Ordinal);
        try
        {
            foreach (var step in new[] { "discover", "pull-batch", "write", "compact", "index" })
            {
                functions[step] = LocalLambdaFunction.Start(Bootstrap.For(step, manifest));
            }

            // A run needs its row in the catalog's runs table for the totals; the steps themselves do not.
            var discovered = await functions["discover"].InvokeAsync("""{"run_id":"r1","pipelines":["customers"]}""", Timeout);
            Assert.Contains("\"table\":\"customers\"", discovered, StringComparison.Ordinal);
            var pulled = await functions["pull-batch"].InvokeAsync("""{"run_id":"r1","pipeline":"customers","table":"customers","cursor":null}""", Timeout);
            using (var pull = JsonDocument.Parse(pulled))
            {
                Assert.Equal(4, pull.RootElement.GetProperty("rows").GetInt64());
                Assert.False(pull.RootElement.GetProperty("has_more").GetBoolean());
            }

            var written = await functions["write"].InvokeAsync("""{"run_id":"r1","pipeline":"customers","table":"customers"}""", Timeout);
            using var write = JsonDocument.Parse(written);
            Assert.Equal(4, write.RootElement.GetProperty("row_count").GetInt64());
            var indexed = await functions["index"].InvokeAsync("""{"run_id":"r1","pipeline":"customers","table":"customers"}""", Timeout);
            Assert.Contains("no indexes declared", indexed, StringComparison.Ordinal);

            // Warm: the same process answers again.
            var again = await functions["discover"].InvokeAsync("""{"run_id":"r2","pipelines":["customers"]}""", Timeout);
            Assert.Contains("\"pending\":0", again, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var function in functions.Values)
            {
                await function.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StepError_IsReportedWithTheStepErrorNameAsErrorType()
    {
        using var project = Samples.CopyQuickstart();
        await using var pull = LocalLambdaFunction.Start(Bootstrap.For("pull-batch", project.Combine("hakiri.toml")));

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(() =>
            pull.InvokeAsync("""{"run_id":"never-discovered","pipeline":"orders","table":"orders","cursor":null}""", Timeout));

        Assert.Equal("Hakiri.Permanent", error.ErrorType);
        Assert.Contains("No plan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_IsAPermanentError()
    {
        using var project = Samples.CopyQuickstart();
        await using var write = LocalLambdaFunction.Start(Bootstrap.For("write", project.Combine("hakiri.toml")));

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(() => write.InvokeAsync("[1, 2, 3]", Timeout));

        Assert.Equal("Hakiri.Permanent", error.ErrorType);
        Assert.Contains("not a valid TableStepInput", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenManifest_IsAnInitError()
    {
        using var dir = new TempDirectory();
        var manifest = dir.Write("hakiri.toml", "[project]\nname = 1\n");
        await using var function = LocalLambdaFunction.Start(Bootstrap.For("discover", manifest));

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(() => function.InvokeAsync("{}", Timeout));

        Assert.Contains("does not load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownHandler_ReportsTheHandlers()
    {
        using var project = Samples.CopyQuickstart();
        await using var function = LocalLambdaFunction.Start(Bootstrap.For("reticulate", project.Combine("hakiri.toml")));

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(() => function.InvokeAsync("{}", Timeout));

        Assert.Equal("Hakiri.Permanent", error.ErrorType);
        Assert.Contains("discover, pull-batch, write, compact, index", error.Message, StringComparison.Ordinal);
    }
}
