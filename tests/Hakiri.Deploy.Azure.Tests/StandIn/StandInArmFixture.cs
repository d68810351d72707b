namespace Hakiri.Deploy.Azure.Tests.StandIn;

/// <summary>One stand-in ARM per test collection; tests keep apart by deploying different stages (resource groups).</summary>
public sealed class StandInArmFixture : IAsyncLifetime
{
    public StandInArm Arm { get; private set; } = null!;

    public async Task InitializeAsync() => Arm = await StandInArm.StartAsync();

    public async Task DisposeAsync() => await Arm.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StandInArmCollection : ICollectionFixture<StandInArmFixture>
{
    public const string Name = "stand-in ARM";
}
