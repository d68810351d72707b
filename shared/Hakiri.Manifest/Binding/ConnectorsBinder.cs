using Hakiri.Manifest.Schema;
using Hakiri.Model.Diagnostics;
using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>
/// Reads <c>[connectors.NAME]</c> tables: loads each connector's <c>connector.toml</c> (its problems located in that
/// file) and checks that the project's grant covers every capability the connector asks for.
/// </summary>
internal static class ConnectorsBinder
{
    public static IReadOnlyList<ConnectorReference> Bind(TomlTable? connectors, string manifestPath, DiagnosticBag diagnostics)
    {
        var references = new List<ConnectorReference>();
        foreach (var entry in connectors?.Entries ?? [])
        {
            if (entry.Value is TomlTable table && !ConnectorsShapes.BuiltIn.Contains(entry.Key, StringComparer.Ordinal)
                && Bind(entry.Key, table, manifestPath, diagnostics) is { } reference)
            {
                references.Add(reference);
            }
        }

        return references;
    }

    private static ConnectorReference? Bind(string name, TomlTable table, string manifestPath, DiagnosticBag diagnostics)
    {
        var granted = BindGrants(name, table, diagnostics);
        if (TomlRead.StringNode(table, "path") is not { } pathNode || LoadManifest(name, pathNode, manifestPath, diagnostics) is not { } connector)
        {
            return null;
        }

        if (granted is null)
        {
            return null;
        }

        CheckGrantCoversAsks(name, table, connector, granted, diagnostics);
        WarnUnusedGrants(name, table, connector, diagnostics);
        return new ConnectorReference(name, connector.Directory, connector, granted.Capabilities);
    }

    private static ConnectorManifest? LoadManifest(string name, TomlString pathNode, string manifestPath, DiagnosticBag diagnostics)
    {
        var baseDirectory = Path.GetDirectoryName(manifestPath) ?? ".";
        if (pathNode.Value.Length == 0 || pathNode.Value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            diagnostics.Error(pathNode.Position.Line, pathNode.Position.Column, $"path of [connectors.{name}] is not a folder path: '{pathNode.Value}'",
                $"write the folder holding its connector.toml, relative to the manifest, such as path = \"connectors/{name}\"");
            return null;
        }

        var folder = Path.GetFullPath(Path.Combine(baseDirectory, pathNode.Value));
        var file = Path.Combine(folder, "connector.toml");
        if (!Directory.Exists(folder))
        {
            diagnostics.Error(pathNode.Position.Line, pathNode.Position.Column,
                $"the folder '{pathNode.Value}' of [connectors.{name}] does not exist (relative to {baseDirectory})",
                "correct the path, or create the folder with its connector.toml (templates/connector/connector.toml shows one)");
            return null;
        }

        if (!File.Exists(file))
        {
            diagnostics.Error(pathNode.Position.Line, pathNode.Position.Column,
                $"the folder '{pathNode.Value}' of [connectors.{name}] holds no connector.toml",
                "point path at the folder that holds the connector's connector.toml");
            return null;
        }

        // The connector's own problems are located in its file, named relative to how the user named hakiri.toml.
        var display = Path.Combine(Path.GetDirectoryName(diagnostics.File) ?? string.Empty, pathNode.Value, "connector.toml");
        var result = ManifestLoader.LoadConnector(file, display);
        foreach (var diagnostic in result.Diagnostics)
        {
            diagnostics.Add(diagnostic);
        }

        return result.Value;
    }

    private static Grants? BindGrants(string name, TomlTable table, DiagnosticBag diagnostics)
    {
        var items = new List<(TomlString Node, string Grant)>();
        var hosts = new List<HostPattern>();
        var environment = new List<string>();
        var clock = false;
        var ok = true;
        foreach (var node in TomlRead.Strings(table, "grant"))
        {
            var text = node.Value;
            if (text == "clock")
            {
                clock = true;
            }
            else if (text.StartsWith("env:", StringComparison.Ordinal))
            {
                environment.Add(text[4..]);
            }
            else if (text.StartsWith("http:", StringComparison.Ordinal) && ConnectorBinder.ParseHost(text[5..]) is { } host)
            {
                hosts.Add(host);
            }
            else
            {
                // Malformed forms were reported by the shape checker; an http: grant with a bad host is reported here.
                if (text.StartsWith("http:", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(text, ConnectorsShapes.GrantPattern))
                {
                    var at = TomlRead.Inside(node, 5);
                    diagnostics.Error(at.Line, at.Column, $"'{text[5..]}' in the grant of [connectors.{name}] is not a host pattern", ConnectorBinder.HostHint);
                }

                ok = false;
                continue;
            }

            items.Add((node, text));
        }

        return ok ? new Grants(new ConnectorCapabilities(hosts, environment, clock), items) : null;
    }

    private static void CheckGrantCoversAsks(string name, TomlTable table, ConnectorManifest connector, Grants granted, DiagnosticBag diagnostics)
    {
        var missing = granted.Capabilities.Missing(connector.Capabilities);
        if (missing.Count == 0)
        {
            return;
        }

        var at = table.TryGetEntry("grant", out var grant) ? grant.KeyPosition : table.Position;
        var all = granted.Items.Select(i => i.Grant).Concat(missing).Select(g => $"\"{g}\"");
        diagnostics.Error(at.Line, at.Column,
            $"connector '{name}' asks for {Count(missing.Count)} that [connectors.{name}] does not grant: {string.Join(", ", missing)}",
            $"add {(missing.Count == 1 ? "it" : "them")} to the grant: grant = [{string.Join(", ", all)}]");
    }

    private static void WarnUnusedGrants(string name, TomlTable table, ConnectorManifest connector, DiagnosticBag diagnostics)
    {
        var asked = connector.Capabilities;
        foreach (var node in TomlRead.Strings(table, "grant"))
        {
            var text = node.Value;
            var used = text switch
            {
                "clock" => asked.Clock,
                _ when text.StartsWith("env:", StringComparison.Ordinal) => asked.Environment.Contains(text[4..], StringComparer.Ordinal),
                _ => ConnectorBinder.ParseHost(text[5..]) is { } host && asked.HttpHosts.Any(host.Covers),
            };
            if (!used)
            {
                diagnostics.Warning(node.Position.Line, node.Position.Column,
                    $"[connectors.{name}] grants '{text}', which the connector does not ask for in its [capabilities]",
                    "remove it from the grant; a grant the connector does not ask for is never used");
            }
        }
    }

    private static string Count(int missing) => missing == 1 ? "a capability" : $"{missing} capabilities";

    private sealed record Grants(ConnectorCapabilities Capabilities, IReadOnlyList<(TomlString Node, string Grant)> Items);
}
