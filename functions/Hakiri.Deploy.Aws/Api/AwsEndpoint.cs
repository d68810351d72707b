namespace Hakiri.Deploy.Aws.Api;

/// <summary>Where one AWS service is called and how its requests are signed.</summary>
/// <param name="Url">The service URL (requests are POSTed to it).</param>
/// <param name="Region">The signing region.</param>
/// <param name="Service">The signing name of the service (<c>cloudformation</c>, <c>sts</c>).</param>
public sealed record AwsEndpoint(Uri Url, string Region, string Service)
{
    /// <summary>
    /// The endpoint of <paramref name="service"/> in <paramref name="region"/>:
    /// <paramref name="endpointOverride"/> when given (moto, LocalStack), else
    /// <c>https://{service}.{region}.amazonaws.com</c> (<c>amazonaws.com.cn</c> in China).
    /// </summary>
    public static AwsEndpoint For(string service, string region, Uri? endpointOverride = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var url = endpointOverride ?? new Uri($"https://{service}.{region}.{AwsRegion.DnsSuffix(region)}/");
        return new AwsEndpoint(url, region, service);
    }
}
