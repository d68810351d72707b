using Hakiri.Deploy.Azure.Deployment;

namespace Hakiri.Deploy.Azure.Tests.Deployment;

public sealed class AzureTargetTests
{
    private const string Subscription = "0b1f6471-1bf0-4dda-aec3-111122223333";

    [Fact]
    public void Resolve_Defaults_NameTheGroupAndDeploymentAfterProjectAndStage()
    {
        var target = AzureTarget.Resolve("shop", "prod", null, null, "West Europe", Environment(("AZURE_SUBSCRIPTION_ID", Subscription)));

        Assert.Equal(new AzureTarget(Subscription, "hakiri-shop-prod", "westeurope", "hakiri-shop-prod"), target);
    }

    [Fact]
    public void Resolve_OptionsWinOverEnvironment()
    {
        var target = AzureTarget.Resolve("shop", "dev", Subscription, "my-rg", null,
            Environment(("AZURE_SUBSCRIPTION_ID", "11111111-1111-1111-1111-111111111111"), ("AZURE_LOCATION", "eastus")));

        Assert.Equal(new AzureTarget(Subscription, "my-rg", "eastus", "hakiri-shop-dev"), target);
    }

    [Theory]
    [InlineData(null, "westeurope", "rg", "no Azure subscription is set")]
    [InlineData(Subscription, "atlantis", "rg", "'atlantis' is not an Azure region")]
    [InlineData(Subscription, "westeurope", "ends-with-dot.", "is not a valid resource group name")]
    public void Resolve_BadInput_ThrowsABadInputSentence(string? subscription, string location, string group, string expected)
    {
        var error = Assert.Throws<AzureDeploymentException>(() => AzureTarget.Resolve("shop", "dev", subscription, group, location, Environment()));

        Assert.True(error.IsBadInput);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
