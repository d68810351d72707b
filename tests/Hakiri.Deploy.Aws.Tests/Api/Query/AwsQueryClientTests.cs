using System.Net;
using System.Net.Sockets;
using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests.Api.Query;

public sealed class AwsQueryClientTests
{
    [Theory]
    [InlineData("Throttling")]
    [InlineData("ThrottlingException")]
    [InlineData("RequestLimitExceeded")]
    public async Task Send_ThrottledTwice_RetriesThenSucceeds(string code)
    {
        var throttled = StubHttpHandler.Sample("Error-Throttling.xml").Replace("<Code>Throttling</Code>", $"<Code>{code}</Code>", StringComparison.Ordinal);
        var http = new StubHttpHandler().Respond(HttpStatusCode.BadRequest, throttled).Respond(HttpStatusCode.BadRequest, throttled).RespondWithSample("GetCallerIdentity.xml");

        var identity = await Clients.Sts(http).GetCallerIdentityAsync();

        Assert.Equal("123456789012", identity.Account);
        Assert.Equal(3, http.Requests.Count);
    }

    [Fact]
    public async Task Send_ServerErrorEveryTime_StopsAfterMaxAttempts()
    {
        var http = new StubHttpHandler();
        for (var i = 0; i < 10; i++)
        {
            http.Respond(HttpStatusCode.InternalServerError, "<!doctype html><title>500 Internal Server Error</title>");
        }

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Clients.CloudFormation(http).GetTemplateAsync("s"));

        Assert.Equal(4, http.Requests.Count);
        Assert.Equal("Http500", error.Code);
        Assert.Equal(500, error.StatusCode);
        Assert.Equal("GetTemplate", error.Operation);
        Assert.Contains("500 Internal Server Error", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ClientError_IsNotRetriedAndCarriesCodeMessageTypeRequestId()
    {
        var http = new StubHttpHandler().Respond(HttpStatusCode.Forbidden, StubHttpHandler.Sample("Error-AccessDenied.xml"));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Clients.CloudFormation(http).GetTemplateAsync("s"));

        Assert.Single(http.Requests);
        Assert.Equal(("AccessDenied", 403, "Sender", "f3a2b3c4-0000-0000-0000-example"), (error.Code, error.StatusCode, error.ErrorType, error.RequestId));
        Assert.StartsWith("User: arn:aws:iam::123456789012:user/ci is not authorized", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(
            "GetTemplate failed with AccessDenied (HTTP 403): User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudformation:CreateChangeSet [request id f3a2b3c4-0000-0000-0000-example]",
            error.Message);
    }

    [Fact]
    public async Task Send_JsonErrorBody_IsMapped()
    {
        // moto 5.2.1 lets a nested service's JSON error through CloudFormation (e.g. a log group that exists).
        var http = new StubHttpHandler().Respond(HttpStatusCode.BadRequest, "{\"__type\": \"ResourceAlreadyExistsException\", \"message\": \"The specified log group already exists\"}");

        var error = await Assert.ThrowsAsync<AwsApiException>(() => Clients.CloudFormation(http).GetTemplateAsync("s"));

        Assert.Equal(("ResourceAlreadyExistsException", "The specified log group already exists"), (error.Code, error.ErrorMessage));
    }

    [Fact]
    public async Task Send_DroppedConnectionOnce_Retries()
    {
        var http = new StubHttpHandler()
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))
            .RespondWithSample("GetCallerIdentity.xml");

        await Clients.Sts(http).GetCallerIdentityAsync();

        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task Send_DroppedConnectionEveryTime_IsUnreachableNamingTheEndpoint()
    {
        var http = new StubHttpHandler();
        for (var i = 0; i < 4; i++)
        {
            http.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        }

        var error = await Assert.ThrowsAsync<AwsEndpointUnreachableException>(() => Clients.Sts(http).GetCallerIdentityAsync());

        Assert.Equal(new Uri("https://sts.us-east-1.amazonaws.com/"), error.Endpoint);
        Assert.Contains("https://sts.us-east-1.amazonaws.com/", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, http.Requests.Count);
    }

    [Fact]
    public async Task Send_NameDoesNotResolve_IsUnreachableAtOnce()
    {
        var http = new StubHttpHandler().Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known", new SocketException((int)SocketError.HostNotFound)));

        var error = await Assert.ThrowsAsync<AwsEndpointUnreachableException>(() => Clients.Sts(http).GetCallerIdentityAsync());

        Assert.Contains("sts.us-east-1.amazonaws.com did not resolve", error.Message, StringComparison.Ordinal);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Send_ConnectionRefused_IsUnreachableAtOnce()
    {
        // A real refused connection: a loopback port that was free a moment ago and nothing listens on.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient();
        var sts = new StsClient(http, new AwsClientSettings(AwsEndpoint.For("sts", "us-east-1", endpoint), Clients.Credentials));

        var error = await Assert.ThrowsAsync<AwsEndpointUnreachableException>(() => sts.GetCallerIdentityAsync());

        Assert.Equal(endpoint, error.Endpoint);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delay_GrowsExponentiallyWithJitterAndIsCapped()
    {
        var policy = new AwsRetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var random = new Random(7);

        for (var retry = 1; retry <= 8; retry++)
        {
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, retry - 1), 1000));
            var delay = policy.Delay(retry, random);
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }
}
