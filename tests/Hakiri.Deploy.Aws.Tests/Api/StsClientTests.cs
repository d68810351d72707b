using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests.Api;

public sealed class StsClientTests
{
    [Fact]
    public async Task GetCallerIdentity_DocumentedResponse_ReadsAccountArnUserId()
    {
        var http = new StubHttpHandler().RespondWithSample("GetCallerIdentity.xml");

        var identity = await Clients.Sts(http).GetCallerIdentityAsync();

        Assert.Equal(new CallerIdentity("123456789012", "arn:aws:sts::123456789012:assumed-role/deployer/hakiri", "AROAEXAMPLEID:hakiri"), identity);
        Assert.Equal("Action=GetCallerIdentity&Version=2011-06-15", http.Requests[0].Body);
        Assert.Equal(new Uri("https://sts.us-east-1.amazonaws.com/"), http.Requests[0].Request.RequestUri);
        var authorization = Assert.Single(http.Requests[0].Request.Headers.GetValues("Authorization"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=", authorization, StringComparison.Ordinal);
    }
}
