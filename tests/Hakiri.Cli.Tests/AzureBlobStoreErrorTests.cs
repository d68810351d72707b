using Hakiri.Testing;

namespace Hakiri.Cli.Tests;

/// <summary>An azblob store that cannot be used: one sentence, exit 2, nothing written.</summary>
[Collection("azurite")]
public sealed class AzureBlobStoreErrorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_NoAccountConfigured_ExitsTwoWithTheSentenceAndWritesNothing()
    {
        var container = await azurite.NewContainerAsync();
        using var project = AzuriteFixture.Quickstart(container, "shop");
        var none = new Dictionary<string, string>(StringComparer.Ordinal) { ["AZURE_STORAGE_CONNECTION_STRING"] = string.Empty, ["AZURE_STORAGE_ACCOUNT"] = string.Empty };

        var run = await HakiriProcess.RunWithEnvironmentAsync(none, "run", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            $"error: The store azblob://{container.Name}/shop names no storage account: set AZURE_STORAGE_CONNECTION_STRING (an account key, SAS or Azurite connection string) or AZURE_STORAGE_ACCOUNT (the account name, signed in through the Azure credential chain, e.g. `az login` or a managed identity).\n",
            run.Stderr);
        Assert.Empty(run.Stdout);
        Assert.Empty(container.GetBlobs());
        Assert.False(Directory.Exists(project.Combine(".hakiri")));
    }

    [Fact]
    public async Task Run_MissingContainer_ExitsTwoAndSaysHowToCreateIt()
    {
        var container = azurite.Container();
        using var project = AzuriteFixture.Quickstart(container, "shop");

        var run = await HakiriProcess.RunWithEnvironmentAsync(azurite.Server.Environment, "run", "-m", project.Combine("hakiri.toml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: The container '{container.Name}' of the store azblob://{container.Name}/shop does not exist in storage account devstoreaccount1: create it with `az storage container create -n {container.Name} --account-name devstoreaccount1`", run.Stderr, StringComparison.Ordinal);
        Assert.False((await container.ExistsAsync()).Value, "hakiri must not create the container");
    }

    [Fact]
    public async Task Query_WrongAccountKey_ExitsTwoWithTheSentence()
    {
        var container = await azurite.NewContainerAsync();
        using var project = AzuriteFixture.Quickstart(container, "shop");
        var wrong = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AZURE_STORAGE_CONNECTION_STRING"] = azurite.Server.ConnectionString.Replace(AzuriteServer.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal),
        };

        var query = await HakiriProcess.RunWithEnvironmentAsync(wrong, "query", "-m", project.Combine("hakiri.toml"), "SELECT 1");

        Assert.Equal(2, query.ExitCode);
        Assert.StartsWith($"error: Storage account devstoreaccount1 refused access to the store azblob://{container.Name}/shop (", query.Stderr, StringComparison.Ordinal);
        Assert.Empty(container.GetBlobs());
    }
}
