using Amazon.Runtime;
using Hakiri.Deploy.Aws.Api;
using Hakiri.Testing;

namespace Hakiri.Deploy.Aws.Tests.Api.Credentials;

public sealed class AwsCredentialsResolverTests
{
    [Fact]
    public async Task Resolve_ChainFindsNothing_ThrowsSayingWhatToSet()
    {
        var resolver = new AwsCredentialsResolver(_ => throw new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\nException 1 of 1: none."));

        var error = await Assert.ThrowsAsync<AwsCredentialsNotFoundException>(() => resolver.ResolveAsync());

        Assert.StartsWith("No AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_PROFILE", error.Message, StringComparison.Ordinal);
        Assert.Contains("Exception 1 of 1: none.", error.Message, StringComparison.Ordinal);
        Assert.IsType<AmazonClientException>(error.InnerException);
    }

    [Fact]
    public async Task Resolve_ChainFindsSessionCredentials_GivesThemWithToken()
    {
        var resolver = new AwsCredentialsResolver(_ => Task.FromResult<AWSCredentials>(new SessionAWSCredentials("ASIAEXAMPLE", "secret", "token")));

        var provider = await resolver.ResolveAsync();

        Assert.Equal(new AwsCredentials("ASIAEXAMPLE", "secret", "token"), await provider.GetCredentialsAsync());
    }

    [Fact]
    public async Task Resolve_ProfileInCredentialsFile_ReadsThatProfile()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("credentials", "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n\n[deploy]\naws_access_key_id = ASIADEPLOY\naws_secret_access_key = s2\naws_session_token = t2\n");
        var resolver = new AwsCredentialsResolver(_ => throw new InvalidOperationException("the default chain must not be asked"));

        var deploy = await (await resolver.ResolveAsync("deploy", file)).GetCredentialsAsync();
        var fallback = await (await resolver.ResolveAsync(null, file)).GetCredentialsAsync();

        Assert.Equal(new AwsCredentials("ASIADEPLOY", "s2", "t2"), deploy);
        Assert.Equal(new AwsCredentials("AKIADEFAULT", "s1"), fallback);
    }

    [Fact]
    public async Task Resolve_MissingProfile_ThrowsNamingIt()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("credentials", "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n");

        var error = await Assert.ThrowsAsync<AwsCredentialsNotFoundException>(() => new AwsCredentialsResolver().ResolveAsync("prod", file));

        Assert.Contains("No AWS profile named 'prod' in " + file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_ToString_HidesTheSecret()
    {
        var text = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI", "SECRET-TOKEN-VALUE").ToString();

        Assert.Contains("AKIDEXAMPLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-TOKEN-VALUE", text, StringComparison.Ordinal);
    }
}
