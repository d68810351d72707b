using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hakiri.Model.Manifests;

namespace Hakiri.Cli.Access;

/// <summary>Writes the manifest's <c>[access]</c> section: appended by <c>key init</c>, replaced whole by <c>key rotate</c>.</summary>
internal static partial class AccessSection
{
    public static string Render(AccessSettings settings, string keyPath)
    {
        var text = new StringBuilder();
        text.Append("[access]\n");
        text.Append(CultureInfo.InvariantCulture, $"# Agents read this store only with a token signed by this key ('hakiri token issue'); docs/access-control.md.\n");
        text.Append(CultureInfo.InvariantCulture, $"# The private key is {keyPath} — outside the repository; back it up.\n");
        text.Append(CultureInfo.InvariantCulture, $"public_key = \"{settings.PublicKey}\"\n");
        if (settings.MaxTtl != AccessSettings.DefaultMaxTtl)
        {
            text.Append(CultureInfo.InvariantCulture, $"max_ttl = \"{Durations.Format(settings.MaxTtl)}\"\n");
        }

        if (settings.AuditKeys == AuditKeyMode.Plain)
        {
            text.Append("audit_keys = \"plain\"\n");
        }

        if (settings.RetiredKeys.Count > 0)
        {
            text.Append("retired_keys = [\n");
            foreach (var retired in settings.RetiredKeys)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {{ key = \"{retired.PublicKey}\", until = \"{retired.Until.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\" }},\n");
            }

            text.Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>Appends a section to a manifest that has none.</summary>
    public static string Append(string manifest, string section)
    {
        var separator = manifest.Length == 0 || manifest.EndsWith("\n\n", StringComparison.Ordinal) ? string.Empty
            : manifest.EndsWith('\n') ? "\n" : "\n\n";
        return manifest + separator + section;
    }

    /// <summary>Replaces the existing <c>[access]</c> section (header to the next table header) with <paramref name="section"/>.</summary>
    public static string Replace(string manifest, string section)
    {
        var header = Header().Match(manifest);
        if (!header.Success)
        {
            return Append(manifest, section);
        }

        var next = NextHeader().Match(manifest, header.Index + header.Length);
        var end = next.Success ? next.Index : manifest.Length;
        var tail = next.Success ? "\n" + manifest[end..] : string.Empty;
        return manifest[..header.Index] + section + tail;
    }

    [GeneratedRegex(@"^[ \t]*\[access\][ \t]*(#[^\n]*)?\n?", RegexOptions.Multiline)]
    private static partial Regex Header();

    [GeneratedRegex(@"^[ \t]*\[", RegexOptions.Multiline)]
    private static partial Regex NextHeader();
}
