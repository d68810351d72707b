namespace Hakiri.Deploy.Aws.Api;

/// <summary>AWS STS over the Query protocol (API version 2011-06-15): enough to check credentials and find the account.</summary>
public sealed class StsClient
{
    /// <summary>The API version sent with every call.</summary>
    public const string ApiVersion = "2011-06-15";

    private readonly AwsQueryClient _query;

    /// <summary>Creates a client for <see cref="AwsClientSettings.Endpoint"/> (see <see cref="AwsEndpoint.For"/> with service <c>sts</c>).</summary>
    public StsClient(HttpClient http, AwsClientSettings settings) => _query = new AwsQueryClient(http, settings);

    /// <summary>The account, ARN and user id of the credentials (needs no IAM permission).</summary>
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        var result = await _query.SendAsync(new QueryRequest("GetCallerIdentity", ApiVersion), cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(result.Required("Account"), result.Required("Arn"), result.Required("UserId"));
    }
}
