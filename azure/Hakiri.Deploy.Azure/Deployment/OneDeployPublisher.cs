using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Deploy.Azure.Deployment;

/// <summary>
/// Publishes the package to a Flex Consumption function app through OneDeploy:
/// <c>POST https://&lt;scm host&gt;/api/publish?RemoteBuild=false</c> with the zip and an ARM bearer token. The SCM
/// host is read from the site (<c>hostNameSslStates</c> of type Repository) rather than composed, so sovereign clouds
/// and the test stand-in work unchanged; the scheme is the ARM endpoint's.
/// </summary>
internal sealed class OneDeployPublisher(ResourceGroupApi api)
{
    public async Task<Uri> PublishAsync(string appName, FunctionPackage package, CancellationToken cancellationToken)
    {
        var site = await api.GetSiteAsync(appName, cancellationToken).ConfigureAwait(false)
            ?? throw new AzureDeploymentException(false, $"the deployment succeeded but function app {appName} is not in {api.Name}; deploy again");
        var scm = site.Properties?.HostNameSslStates?.FirstOrDefault(h => h.HostType == "Repository")?.Name
            ?? throw new AzureDeploymentException(false, $"function app {appName} reports no SCM host name, so the package cannot be published; deploy again once the app has finished starting");
        var url = new Uri($"{api.Client.Endpoint.Scheme}://{scm}/api/publish?RemoteBuild=false");
        var operation = $"publishing the function package to {appName}";
        var body = new ArmBody(await File.ReadAllBytesAsync(package.Path, cancellationToken).ConfigureAwait(false), "application/zip");
        using var started = await api.Client.SendAsync(HttpMethod.Post, url, body, operation, cancellationToken).ConfigureAwait(false);
        await ArmOperation.WaitAsync(api.Client, started, operation, null, cancellationToken).ConfigureAwait(false);
        return url;
    }
}
