using System.Text;
using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Hakiri.Deploy.Aws.Api;
using Hakiri.LocalLambda;
using Hakiri.Testing;
using Hakiri.Testing.Http;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>
/// [deploy.aws] secrets through the bootstrap, against moto's SSM and Secrets Manager: the function gets only
/// <c>HAKIRI_SECRETS</c> (references), reads the values at cold start, and the http connector authenticates with them.
/// </summary>
public sealed class DeployedSecretsTests : IClassFixture<DeployedSecretsTests.Moto>
{
    private const string Token = "t0ken-from-the-secret-store";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Moto _moto;

    public DeployedSecretsTests(Moto moto) => _moto = moto;

    [Theory]
    [InlineData("ssm:/hakiri/test/tickets-token")]
    [InlineData("secretsmanager:test/tickets-token")]
    public async Task PullBatch_SecretFromTheStore_ReachesTheConnector(string reference)
    {
        await using var api = await TicketsApi.StartAsync(12);
        api.Token = Token;
        using var project = new TempDirectory();
        var manifest = project.Write("hakiri.toml", Manifest(api.BaseUrl));
        var environment = Environment(reference);

        await using var discover = LocalLambdaFunction.Start(Bootstrap.For("discover", manifest, environment));
        await using var pull = LocalLambdaFunction.Start(Bootstrap.For("pull-batch", manifest, environment));
        await discover.InvokeAsync("""{"run_id":"r1","pipelines":["tickets"]}""", Timeout);
        var pulled = await pull.InvokeAsync("""{"run_id":"r1","pipeline":"tickets","table":"tickets","cursor":null}""", Timeout);

        using var output = JsonDocument.Parse(pulled);
        Assert.Equal(12, output.RootElement.GetProperty("rows").GetInt64());
        Assert.True(api.Requests > 0);
    }

    [Theory]
    [InlineData("ssm:/hakiri/test/missing", "ParameterNotFound — no such parameter in us-east-1")]
    [InlineData("secretsmanager:test/missing", "ResourceNotFoundException from Secrets Manager — no such secret in us-east-1")]
    public async Task Discover_MissingSecret_IsAPermanentErrorNamingVariableAndReference(string reference, string reason)
    {
        using var project = new TempDirectory();
        var manifest = project.Write("hakiri.toml", Manifest("http://127.0.0.1:9"));
        await using var discover = LocalLambdaFunction.Start(Bootstrap.For("discover", manifest, Environment(reference)));

        var error = await Assert.ThrowsAsync<LambdaInvocationException>(() => discover.InvokeAsync("""{"run_id":"r1","pipelines":["tickets"]}""", Timeout));

        Assert.Equal("Hakiri.Permanent", error.ErrorType);
        Assert.StartsWith($"The secret TICKETS_TOKEN ({reference}) could not be read: {reason}", error.Message, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment(string reference) =>
        new(_moto.Server.Environment, StringComparer.Ordinal) { ["HAKIRI_SECRETS"] = "TICKETS_TOKEN=" + reference };

    private static string Manifest(string baseUrl) => $$"""
        [project]
        name = "tickets"

        [pipelines.tickets]
        primary_key = ["id"]

        [pipelines.tickets.source]
        connector = "http"
        base_url = "{{baseUrl}}"
        path = "/tickets"
        records = "data"
        auth = { kind = "bearer", env = "TICKETS_TOKEN" }
        pagination = { kind = "link" }
        """;

    /// <summary>One moto_server holding the token as an SSM SecureString and as a Secrets Manager secret.</summary>
    public sealed class Moto : IAsyncLifetime, IDisposable
    {
        public MotoServer Server { get; } = new();

        public async Task InitializeAsync()
        {
            using var ssm = new AmazonSimpleSystemsManagementClient(new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
                new AmazonSimpleSystemsManagementConfig { ServiceURL = Server.Endpoint, AuthenticationRegion = "us-east-1" });
            await ssm.PutParameterAsync(new PutParameterRequest { Name = "/hakiri/test/tickets-token", Value = Token, Type = ParameterType.SecureString });

            // Secrets Manager's CreateSecret, signed as moto expects (it routes JSON calls by the signature's service).
            using var http = new HttpClient();
            var payload = Encoding.UTF8.GetBytes($$"""{"Name":"test/tickets-token","SecretString":"{{Token}}"}""");
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
            using var request = new HttpRequestMessage(HttpMethod.Post, Server.Endpoint) { Content = content };
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager.CreateSecret");
            SigV4Signer.Sign(request, payload, new AwsCredentials("testing", "testing"), "us-east-1", "secretsmanager", DateTimeOffset.UtcNow);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose() => Server.Dispose();
    }
}
