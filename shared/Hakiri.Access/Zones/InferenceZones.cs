using System.Text.RegularExpressions;

namespace Hakiri.Access.Zones;

/// <summary>
/// Inference zone names: where the model that reads an answer runs. A caller's zone is concrete, <c>kind:name</c>
/// (<c>public-cloud:openai</c>, <c>on-prem:hospital-a</c>, <c>local:device</c>); an allowed-list entry is a zone or
/// <c>kind:*</c>, which matches every name of that kind. Kinds: <c>local</c>, <c>on-prem</c>, <c>private-cloud</c>,
/// <c>public-cloud</c>. See docs/access-control.md, "Inference zones".
/// </summary>
public static partial class InferenceZones
{
    /// <summary>The zone kinds, from the most contained to the least.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["local", "on-prem", "private-cloud", "public-cloud"];

    /// <summary>
    /// An allowed-list entry as a regular expression (the manifest's schema uses the same one): a kind, a colon, and
    /// <c>*</c> or a name of lowercase letters, digits, <c>-</c> and <c>.</c> (at most 63 characters, starting with a letter or digit).
    /// </summary>
    public const string EntryPattern = @"^(local|on-prem|private-cloud|public-cloud):(\*|[a-z0-9][a-z0-9.-]{0,62})$";

    /// <summary>A caller's zone as a regular expression: as <see cref="EntryPattern"/> without the <c>*</c>.</summary>
    public const string ZonePattern = @"^(local|on-prem|private-cloud|public-cloud):[a-z0-9][a-z0-9.-]{0,62}$";

    /// <summary>The valid forms, said for error messages.</summary>
    public const string ValidForms =
        "write local:device, on-prem:<name>, private-cloud:<name> or public-cloud:<name> (a name of lowercase letters, digits, '-' and '.'), or <kind>:* in an allowed list for every name of that kind";

    /// <summary>What is wrong with an allowed-list entry (a clause), or <see langword="null"/> when it is valid.</summary>
    public static string? EntryProblem(string? entry) =>
        entry is not null && EntryRegex().IsMatch(entry) ? null : $"'{entry}' is not a zone: {ValidForms}";

    /// <summary>What is wrong with a caller's zone (a clause), or <see langword="null"/> when it is valid.</summary>
    public static string? ZoneProblem(string? zone) => zone switch
    {
        not null when ZoneRegex().IsMatch(zone) => null,
        not null when EntryRegex().IsMatch(zone) => $"'{zone}' is a pattern, not a zone: a caller's zone names one place, such as {zone[..zone.IndexOf(':')]}:<name>",
        _ => $"'{zone}' is not a zone: {ValidForms}",
    };

    /// <summary>Whether allowed-list <paramref name="entry"/> admits a caller in <paramref name="zone"/>: equal, or <c>kind:*</c> of the zone's kind.</summary>
    public static bool Matches(string entry, string zone)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(zone);
        if (string.Equals(entry, zone, StringComparison.Ordinal))
        {
            return true;
        }

        var colon = entry.IndexOf(':');
        return colon > 0 && entry.AsSpan(colon + 1).SequenceEqual("*")
            && zone.Length > colon + 1 && zone[colon] == ':' && zone.AsSpan(0, colon).SequenceEqual(entry.AsSpan(0, colon));
    }

    /// <summary>Whether any entry of <paramref name="allowed"/> admits <paramref name="zone"/>; a caller with no known zone is admitted by none.</summary>
    public static bool Allows(IReadOnlyList<string> allowed, string? zone)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return zone is not null && allowed.Any(entry => Matches(entry, zone));
    }

    [GeneratedRegex(EntryPattern, RegexOptions.CultureInvariant)]
    private static partial Regex EntryRegex();

    [GeneratedRegex(ZonePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ZoneRegex();
}
