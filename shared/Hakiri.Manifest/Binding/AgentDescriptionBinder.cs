using Hakiri.Model.Manifests;
using Hakiri.Toml;

namespace Hakiri.Manifest.Binding;

/// <summary>Reads a pipeline's <c>agent_description</c> table (its shape was checked already).</summary>
internal static class AgentDescriptionBinder
{
    public static AgentDescription Bind(TomlTable? table)
    {
        if (table is null)
        {
            return AgentDescription.None;
        }

        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (TomlRead.Table(table, "columns") is { } map)
        {
            foreach (var entry in map.Entries)
            {
                if (entry.Value is TomlString text)
                {
                    columns[entry.Key] = text.Value.Trim();
                }
            }
        }

        return new AgentDescription(
            (TomlRead.String(table, "text") ?? string.Empty).Trim(),
            TomlRead.Strings(table, "examples").Select(s => s.Value.Trim()).Where(s => s.Length > 0).ToArray(),
            columns);
    }
}
