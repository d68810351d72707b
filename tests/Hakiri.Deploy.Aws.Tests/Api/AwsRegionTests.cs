using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests.Api;

public sealed class AwsRegionTests
{
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-3")]
    [InlineData("ap-southeast-2")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-north-1")]
    [InlineData("eu-central-7")] // not launched (yet): matches the aws partition's pattern
    public void Resolve_ExplicitRegion_IsAccepted(string region) =>
        Assert.Equal(region, AwsRegion.Resolve(region, Environment(null, null)));

    [Theory]
    [InlineData("us-east")]
    [InlineData("useast1")]
    [InlineData("europe-west-1")]
    [InlineData("EU-WEST-3")]
    [InlineData("us-east-1a")]
    public void Resolve_NotARegion_ThrowsNamingIt(string region)
    {
        var error = Assert.Throws<AwsRegionException>(() => AwsRegion.Resolve(region, Environment(null, null)));

        Assert.Equal(region, error.Region);
        Assert.Contains($"'{region}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("us-east-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Order_ArgumentThenAwsRegionThenAwsDefaultRegion()
    {
        Assert.Equal("eu-west-1", AwsRegion.Resolve("eu-west-1", Environment("eu-west-2", "eu-west-3")));
        Assert.Equal("eu-west-2", AwsRegion.Resolve(null, Environment("eu-west-2", "eu-west-3")));
        Assert.Equal("eu-west-3", AwsRegion.Resolve(null, Environment(null, "eu-west-3")));
        Assert.Equal("eu-west-3", AwsRegion.Resolve(" ", Environment("", "eu-west-3")));
    }

    [Fact]
    public void Resolve_NoneSet_ThrowsSayingWhatToSet()
    {
        var error = Assert.Throws<AwsRegionException>(() => AwsRegion.Resolve(null, Environment(null, null)));

        Assert.Null(error.Region);
        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadEnvironmentValue_NamesTheVariable()
    {
        var error = Assert.Throws<AwsRegionException>(() => AwsRegion.Resolve(null, Environment(null, "moon-1")));

        Assert.Contains("AWS_DEFAULT_REGION", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cloudformation", "eu-west-3", "https://cloudformation.eu-west-3.amazonaws.com/")]
    [InlineData("sts", "us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com/")]
    [InlineData("cloudformation", "cn-north-1", "https://cloudformation.cn-north-1.amazonaws.com.cn/")]
    [InlineData("sts", "cn-northwest-1", "https://sts.cn-northwest-1.amazonaws.com.cn/")]
    public void EndpointFor_Region_UsesThePartitionDomain(string service, string region, string expected)
    {
        var endpoint = AwsEndpoint.For(service, region);

        Assert.Equal(new AwsEndpoint(new Uri(expected), region, service), endpoint);
    }

    [Fact]
    public void EndpointFor_Override_KeepsRegionAndServiceForSigning()
    {
        var endpoint = AwsEndpoint.For("cloudformation", "eu-west-3", new Uri("http://127.0.0.1:5000"));

        Assert.Equal(new AwsEndpoint(new Uri("http://127.0.0.1:5000"), "eu-west-3", "cloudformation"), endpoint);
    }

    private static Func<string, string?> Environment(string? awsRegion, string? awsDefaultRegion) => name => name switch
    {
        "AWS_REGION" => awsRegion,
        "AWS_DEFAULT_REGION" => awsDefaultRegion,
        _ => null,
    };
}
