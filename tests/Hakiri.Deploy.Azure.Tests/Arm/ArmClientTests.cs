using System.Net;
using System.Text;
using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Tests.Arm;

public sealed class ArmClientTests
{
    private const string Error = """
        {"error":{"code":"InvalidTemplateDeployment","message":"The template deployment failed.","details":[{"code":"StorageAccountAlreadyTaken","message":"The storage account named hkstore is already taken."}]}}
        """;

    [Fact]
    public async Task SendAsync_ErrorBody_ThrowsTheInnermostCauseInOneSentence()
    {
        var handler = new Answers((HttpStatusCode.BadRequest, Error, null));
        var client = Client(handler);

        var error = await Assert.ThrowsAsync<ArmException>(() => client.SendAsync(HttpMethod.Put, client.Url("x?api-version=1"), null, "creating x", default));

        Assert.Equal("Azure Resource Manager refused creating x: StorageAccountAlreadyTaken: The storage account named hkstore is already taken", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task SendAsync_ThrottledBeyondTheBound_GivesUpWithTheLastError()
    {
        var handler = new Answers(Enumerable.Repeat((HttpStatusCode.TooManyRequests, """{"error":{"code":"TooManyRequests","message":"Slow down."}}""", (int?)0), 10).ToArray());
        var client = Client(handler, new ArmRetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<ArmException>(() => client.SendAsync(HttpMethod.Get, client.Url("x"), null, "reading x", default));

        Assert.Equal(3, handler.Calls);
        Assert.Contains("TooManyRequests: Slow down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delay_RetryAfterAboveTheCap_IsCapped() =>
        Assert.Equal(TimeSpan.FromSeconds(60), ArmRetryPolicy.Default.Delay(1, TimeSpan.FromMinutes(5)));

    private static ArmClient Client(HttpMessageHandler handler, ArmRetryPolicy? retry = null) =>
        new(new HttpClient(handler), new Uri("http://arm.invalid"), new FixedToken(), retry);

    private sealed class FixedToken : IArmTokenSource
    {
        public ValueTask<string> TokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult("token");
    }

    private sealed class Answers(params (HttpStatusCode Status, string Body, int? RetryAfter)[] answers) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body, retryAfter) = answers[Calls++];
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request };
            if (retryAfter is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return Task.FromResult(response);
        }
    }
}
