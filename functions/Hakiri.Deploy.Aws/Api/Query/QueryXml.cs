using System.Globalization;
using System.Xml.Linq;

namespace Hakiri.Deploy.Aws.Api;

/// <summary>Namespace-agnostic reading of Query-protocol XML (services and emulators differ in their xmlns).</summary>
internal static class QueryXml
{
    /// <summary>The first child element with this local name, or null.</summary>
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The text of the child element, or null when absent.</summary>
    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    /// <summary>The text of a child that the API always returns; empty when an emulator leaves it out.</summary>
    public static string Required(this XElement element, string name) => element.Child(name)?.Value ?? string.Empty;

    /// <summary>The <c>member</c> elements of the list child <paramref name="name"/> (none when absent).</summary>
    public static IEnumerable<XElement> Members(this XElement element, string name) =>
        element.Child(name)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    /// <summary>An ISO 8601 timestamp child, or null.</summary>
    public static DateTimeOffset? Time(this XElement element, string name) =>
        element.Text(name) is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    /// <summary>A <c>true</c>/<c>false</c> child, or null.</summary>
    public static bool? Bool(this XElement element, string name) =>
        element.Text(name) is { Length: > 0 } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) : null;
}
