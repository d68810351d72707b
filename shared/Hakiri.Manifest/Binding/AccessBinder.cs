using System.Globalization;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads <c>[access]</c>; types and patterns were already checked against the shape.</summary>
internal static class AccessBinder
{
    public static AccessSettings? Bind(TomlTable? access, DiagnosticBag diagnostics)
    {
        if (access is null || TomlRead.String(access, "public_key") is not { } publicKey)
        {
            return null;
        }

        var maxTtl = Durations.TryParse(TomlRead.String(access, "max_ttl")) ?? AccessSettings.DefaultMaxTtl;
        var auditKeys = TomlRead.String(access, "audit_keys") == "plain" ? AuditKeyMode.Plain : AuditKeyMode.Hashed;
        var retired = new List<RetiredKeySetting>();
        if (access.TryGetValue("retired_keys", out var node) && node is TomlArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not TomlTable entry || TomlRead.String(entry, "key") is not { } key || TomlRead.StringNode(entry, "until") is not { } until)
                {
                    continue;
                }

                if (!DateTimeOffset.TryParse(until.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
                {
                    diagnostics.Error(until.Position.Line, until.Position.Column, $"until = \"{until.Value}\" is not a valid time", "write a UTC time such as 2026-12-31T00:00:00Z");
                    continue;
                }

                if (string.Equals(key, publicKey, StringComparison.Ordinal))
                {
                    diagnostics.Error(until.Position.Line, until.Position.Column, "a retired key is also the current public_key", "remove it from retired_keys");
                    continue;
                }

                retired.Add(new RetiredKeySetting(key, instant));
            }
        }

        return new AccessSettings(publicKey, maxTtl, auditKeys, retired);
    }
}
