using Hakiri.Deploy.Azure.Tests.StandIn;

namespace Hakiri.Deploy.Azure.Tests;

/// <summary><c>hakiri destroy azure</c> against the stand-in ARM: keeps the store account unless --delete-data.</summary>
[Collection(StandInArmCollection.Name)]
public sealed class DestroyAzureCommandTests(StandInArmFixture fixture)
{
    private readonly StandInArm _arm = fixture.Arm;

    [Fact]
    public async Task Destroy_KeepsTheStoreAccount_IsIdempotent_AndDeleteDataRemovesTheGroup()
    {
        using var harness = new DeployHarness(_arm, "destroy");
        var deployed = await harness.DeployAsync();
        Assert.True(deployed.ExitCode == 0, deployed.ToString());

        var refused = await harness.DestroyAsync();
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("pass --yes", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(5, _arm.Resources(harness.Group)!.Count);

        var destroyed = await harness.DestroyAsync("--yes");
        Assert.True(destroyed.ExitCode == 0, destroyed.ToString());
        Assert.Contains("Kept storage account hkquickstartdevstore with the store's data", destroyed.Stdout, StringComparison.Ordinal);
        Assert.Equal([("Microsoft.Storage/storageAccounts", "hkquickstartdevstore")], _arm.Resources(harness.Group));

        var again = await harness.DestroyAsync("--yes");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing to destroy", again.Stdout, StringComparison.Ordinal);

        var all = await harness.DestroyAsync("--yes", "--delete-data");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains($"Deleted resource group {harness.Group}.", all.Stdout, StringComparison.Ordinal);
        Assert.Null(_arm.Resources(harness.Group));

        var nothing = await harness.DestroyAsync("--yes", "--delete-data");
        Assert.True(nothing.ExitCode == 0, nothing.ToString());
        Assert.Contains($"Resource group {harness.Group} does not exist: nothing to destroy.", nothing.Stdout, StringComparison.Ordinal);
    }
}
