using Hakiri.Functions.Aws.Secrets;
using Hakiri.Model.Manifests;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;

namespace Hakiri.Functions.Aws.Tests;

/// <summary>The connectors' environment in a deployed function: secrets read once, the process environment behind them.</summary>
public sealed class SecretEnvironmentTests
{
    private static readonly Dictionary<string, SecretReference> References = new(StringComparer.Ordinal)
    {
        ["ORDERS_DATABASE_URL"] = new(SecretStore.Ssm, "/hakiri/prod/orders-dsn"),
        ["TICKETS_TOKEN"] = new(SecretStore.SecretsManager, "prod/tickets-token"),
    };

    [Fact]
    public async Task ResolveAsync_ReadsEachSecretOnce_AndLookupFallsBackToTheProcessEnvironment()
    {
        var reader = new FakeReader();
        var environment = new SecretEnvironment(References, reader, name => name == "HOME" ? "/root" : null);

        await environment.ResolveAsync(CancellationToken.None);
        await environment.ResolveAsync(CancellationToken.None);

        Assert.Equal("value of ssm:/hakiri/prod/orders-dsn", environment.Lookup("ORDERS_DATABASE_URL"));
        Assert.Equal("value of secretsmanager:prod/tickets-token", environment.Lookup("TICKETS_TOKEN"));
        Assert.Equal("/root", environment.Lookup("HOME"));
        Assert.Null(environment.Lookup("UNSET"));
        Assert.Equal(2, reader.Reads);
    }

    [Theory]
    [InlineData(false, StepErrors.Permanent)]
    [InlineData(true, StepErrors.Transient)]
    public async Task ResolveAsync_FailedRead_IsOneSentenceNamingVariableAndReference_AndIsTriedAgain(bool transient, string errorName)
    {
        var reader = new FakeReader { Failure = new SecretReadException("ParameterNotFound — no such parameter in us-east-1", transient) };
        var environment = new SecretEnvironment(References, reader, _ => null);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => environment.ResolveAsync(CancellationToken.None));

        Assert.Equal(errorName, error.ErrorName);
        Assert.Equal("The secret ORDERS_DATABASE_URL (ssm:/hakiri/prod/orders-dsn) could not be read: ParameterNotFound — no such parameter in us-east-1.", error.Message);
        reader.Failure = null;
        await environment.ResolveAsync(CancellationToken.None);
        Assert.Equal("value of ssm:/hakiri/prod/orders-dsn", environment.Lookup("ORDERS_DATABASE_URL"));
    }

    [Fact]
    public void SecretsVariable_FormatThenParse_RoundTrips()
    {
        var value = SecretsVariable.Format(References);

        Assert.Equal("ORDERS_DATABASE_URL=ssm:/hakiri/prod/orders-dsn;TICKETS_TOKEN=secretsmanager:prod/tickets-token", value);
        Assert.Equal(References.OrderBy(r => r.Key), SecretsVariable.Parse(value).OrderBy(r => r.Key));
        var error = Assert.Throws<FormatException>(() => SecretsVariable.Parse("TOKEN=vault:/x"));
        Assert.Contains("'TOKEN=vault:/x'", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeReader : ISecretReader
    {
        public int Reads { get; private set; }

        public SecretReadException? Failure { get; set; }

        public Task<string> ReadAsync(SecretReference reference, CancellationToken cancellationToken)
        {
            Reads++;
            return Failure is { } failure ? throw failure : Task.FromResult($"value of {reference}");
        }
    }
}
