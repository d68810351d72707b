namespace Hakiri.Deploy.Azure.Arm;

/// <summary>
/// Azure's public regions by their ARM names (<c>az account list-locations --query "[].name"</c>, December 2026),
/// so a mistyped <c>--location</c> is caught before anything is created.
/// </summary>
public static class AzureRegions
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral",
        "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral",
        "eastasia", "eastus", "eastus2", "francecentral", "francesouth", "germanynorth", "germanywestcentral",
        "indonesiacentral", "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
        "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope",
        "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth", "southafricawest",
        "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral", "swedensouth",
        "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus",
        "westeurope", "westindia", "westus", "westus2", "westus3",
    };

    /// <summary>Whether <paramref name="name"/> (any case, spaces ignored: "West Europe") is a known region.</summary>
    public static bool IsKnown(string name) => Names.Contains(Normalize(name));

    /// <summary>The ARM form of a region name: lower case, no spaces.</summary>
    public static string Normalize(string name) => name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
