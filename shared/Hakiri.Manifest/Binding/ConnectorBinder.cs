using System.Globalization;
using System.Text.RegularExpressions;
using Hakiri.Manifest.Schema;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Turns a parsed <c>connector.toml</c> into a <see cref="ConnectorManifest"/>.</summary>
internal static partial class ConnectorBinder
{
    internal const string HostHint = "write a host such as api.example.com or *.example.com, optionally with :port; '*' alone is not allowed";

    public static ConnectorManifest? Bind(TomlTable root, string manifestPath, DiagnosticBag diagnostics)
    {
        new ShapeChecker(diagnostics, "the connector manifest").CheckTable(root, ConnectorShapes.Root, string.Empty);

        var capabilities = TomlRead.Table(root, "capabilities");
        var hosts = new List<HostPattern>();
        foreach (var node in capabilities is null ? [] : TomlRead.Strings(capabilities, "http"))
        {
            if (ParseHost(node.Value) is { } host)
            {
                hosts.Add(host);
            }
            else
            {
                diagnostics.Error(node.Position.Line, node.Position.Column, $"'{node.Value}' is not a host pattern", HostHint);
            }
        }

        var limits = BindLimits(TomlRead.Table(root, "limits"));
        if (diagnostics.HasErrors)
        {
            return null;
        }

        return new ConnectorManifest(
            TomlRead.String(root, "name")!,
            TomlRead.String(root, "version")!,
            TomlRead.String(root, "kind") == "destination" ? ConnectorKind.Destination : ConnectorKind.Source,
            TomlRead.String(root, "wasm")!,
            TomlRead.String(root, "description") ?? string.Empty,
            new ConnectorCapabilities(
                hosts,
                capabilities is null ? [] : TomlRead.Strings(capabilities, "env").Select(s => s.Value).ToArray(),
                capabilities is not null && (TomlRead.Boolean(capabilities, "clock") ?? false)),
            limits,
            manifestPath);
    }

    // The shape checker has already held every value to its range, so the casts cannot overflow.
    private static ConnectorLimits BindLimits(TomlTable? table)
    {
        var defaults = ConnectorLimits.Default;
        if (table is null)
        {
            return defaults;
        }

        return new ConnectorLimits(
            (int)(TomlRead.Integer(table, "memory_mb") ?? defaults.MemoryMegabytes),
            TomlRead.Integer(table, "fuel") ?? defaults.Fuel,
            (int)(TomlRead.Integer(table, "next_timeout_seconds") ?? defaults.NextTimeoutSeconds),
            (int)(TomlRead.Integer(table, "discover_timeout_seconds") ?? defaults.DiscoverTimeoutSeconds),
            (int)(TomlRead.Integer(table, "log_bytes_per_second") ?? defaults.LogBytesPerSecond),
            (int)(TomlRead.Integer(table, "http_in_flight") ?? defaults.HttpInFlight));
    }

    /// <summary>Parses <c>host</c>, <c>*.domain</c> or either with <c>:port</c>; returns <see langword="null"/> when malformed.</summary>
    internal static HostPattern? ParseHost(string text)
    {
        var match = HostSyntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        int? port = null;
        if (match.Groups["port"].Success)
        {
            var value = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            if (value is < 1 or > 65535)
            {
                return null;
            }

            port = value;
        }

        return new HostPattern(match.Groups["host"].Value.ToLowerInvariant(), port);
    }

    [GeneratedRegex(@"^(?<host>(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)(:(?<port>[0-9]{1,5}))?$")]
    private static partial Regex HostSyntax();
}
