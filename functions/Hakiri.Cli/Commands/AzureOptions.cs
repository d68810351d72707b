using System.CommandLine;
using Hakiri.Deploy.Azure.Arm;

namespace Hakiri.Cli.Commands;

/// <summary>The options <c>deploy azure</c> and <c>destroy azure</c> share, and the endpoint they resolve.</summary>
internal static class AzureOptions
{
    public static Option<string> Stage() => new("--stage")
    {
        Description = "Deployment stage (1-16 lower-case letters, digits and hyphens), part of the Azure resource names; the resource group and the deployment are named hakiri-<project>-<stage>.",
        DefaultValueFactory = _ => Hakiri.Emit.Azure.AzureTemplate.DefaultStage,
    };

    public static Option<string?> ResourceGroup() => new("--resource-group", "-g")
    {
        Description = "The resource group; default: hakiri-<project>-<stage>.",
    };

    public static Option<string?> Location() => new("--location", "-l")
    {
        Description = "The Azure region of a new resource group (e.g. westeurope); default: AZURE_LOCATION, else the existing group's.",
    };

    public static Option<string?> Subscription() => new("--subscription")
    {
        Description = "The subscription id; default: AZURE_SUBSCRIPTION_ID (the Azure CLI's default subscription is not read).",
    };

    public static Option<string?> EndpointUrl() => new("--endpoint-url")
    {
        Description = "Send Azure Resource Manager calls to this URL instead of https://management.azure.com (a stand-in); default: HAKIRI_AZURE_ENDPOINT.",
    };

    /// <summary>The ARM endpoint: the option, else HAKIRI_AZURE_ENDPOINT, else the public cloud; null (after saying why) when malformed.</summary>
    public static Uri? Endpoint(string? option, TextWriter error)
    {
        var text = option ?? Environment.GetEnvironmentVariable("HAKIRI_AZURE_ENDPOINT");
        if (string.IsNullOrEmpty(text))
        {
            return ArmClient.PublicCloud;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        error.WriteLine($"error: the endpoint URL '{text}' is not an http(s) URL — write it like http://127.0.0.1:5000");
        return null;
    }
}
