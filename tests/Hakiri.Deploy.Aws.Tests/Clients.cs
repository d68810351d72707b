using Hakiri.Deploy.Aws.Api;

namespace Hakiri.Deploy.Aws.Tests;

/// <summary>Clients over a <see cref="StubHttpHandler"/>, with fixed credentials and millisecond back-offs.</summary>
internal static class Clients
{
    public static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public static AwsClientSettings Settings(string service, AwsRetryPolicy? retry = null) =>
        new(AwsEndpoint.For(service, "us-east-1"), Credentials) { Retry = retry ?? new AwsRetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(4)) };

    public static CloudFormationClient CloudFormation(StubHttpHandler handler, AwsRetryPolicy? retry = null) =>
        new(new HttpClient(handler), Settings("cloudformation", retry));

    public static StsClient Sts(StubHttpHandler handler) => new(new HttpClient(handler), Settings("sts"));
}
