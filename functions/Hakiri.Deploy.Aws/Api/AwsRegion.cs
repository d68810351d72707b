using System.Text.RegularExpressions;
using Amazon;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>
/// Which region to call: an explicit name, else <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>. A name must be
/// one AWSSDK.Core knows or match one of its partitions' region patterns (so regions newer than the SDK still work).
/// </summary>
public static class AwsRegion
{
    private static readonly HashSet<string> KnownRegions = new(RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName), StringComparer.Ordinal);

    private static readonly Regex[] PartitionPatterns =
        [.. RegionEndpoint.AllPartitionRegionRegex.Select(pattern => new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];

    /// <summary>
    /// The region to use. <paramref name="environment"/> reads environment variables (the process's by default).
    /// Throws <see cref="AwsRegionException"/> when none is set or the name is not a region.
    /// </summary>
    public static string Resolve(string? explicitRegion = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (region, source) = !string.IsNullOrWhiteSpace(explicitRegion) ? (explicitRegion, "the region argument")
            : !string.IsNullOrWhiteSpace(environment("AWS_REGION")) ? (environment("AWS_REGION")!, "AWS_REGION")
            : !string.IsNullOrWhiteSpace(environment("AWS_DEFAULT_REGION")) ? (environment("AWS_DEFAULT_REGION")!, "AWS_DEFAULT_REGION")
            : (null, null);
        if (region is null)
        {
            throw new AwsRegionException(null, "No AWS region is set. Pass a region (for example --region us-east-1) or set AWS_REGION.");
        }

        region = region.Trim();
        if (!IsKnown(region))
        {
            throw new AwsRegionException(region, $"'{region}' (from {source}) is not an AWS region. Use a region code such as us-east-1, eu-west-3 or ap-southeast-2.");
        }

        return region;
    }

    /// <summary>Whether <paramref name="region"/> is a region AWSSDK.Core lists or matches a partition's pattern.</summary>
    public static bool IsKnown(string region) =>
        KnownRegions.Contains(region) || PartitionPatterns.Any(pattern => pattern.IsMatch(region));

    /// <summary>The DNS suffix of the region's partition: <c>amazonaws.com</c>, <c>amazonaws.com.cn</c>, …</summary>
    public static string DnsSuffix(string region)
    {
        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return "amazonaws.com.cn";
        }

        var suffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;
        return string.IsNullOrEmpty(suffix) ? "amazonaws.com" : suffix;
    }
}
