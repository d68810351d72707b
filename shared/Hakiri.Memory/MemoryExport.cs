using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Hakiri.DuckDb;
using Hakiri.Store;

namespace Hakiri.Memory;

/// <summary>What an export wrote.</summary>
/// <param name="Path">The tar file.</param>
/// <param name="Count">Rows exported.</param>
/// <param name="Agents">The agents whose rows it holds.</param>
/// <param name="ParquetSha256">Lower-case hex SHA-256 of <c>memory.parquet</c> inside it.</param>
public sealed record MemoryExportResult(string Path, long Count, IReadOnlyList<string> Agents, string ParquetSha256);

/// <summary>
/// Exports memory rows as a tar of <c>memory.parquet</c> (every column, provenance included) and <c>manifest.json</c>
/// (format, count, agents, exported_at, columns, the Parquet's sha256), readable with tar and DuckDB alone.
/// </summary>
public static class MemoryExport
{
    /// <summary>The tar entry holding the rows.</summary>
    public const string ParquetEntry = "memory.parquet";

    /// <summary>The tar entry describing them.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>Writes the export of <paramref name="agent"/>'s rows (every agent's when null) to <paramref name="tarPath"/>, creating its folder.</summary>
    /// <exception cref="MemoryException">The store has no memory table, or the agent has no rows.</exception>
    public static MemoryExportResult Write(StoreLayout layout, string? agent, string tarPath, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentException.ThrowIfNullOrEmpty(tarPath);
        var files = MemoryReader.LiveFiles(layout)
            ?? throw new MemoryException($"The store at {layout.Root} has no memory table yet: no agent has written memory, so there is nothing to export.");
        var agents = MemoryReader.List(layout, agent).Select(r => r.Writer.Agent).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (agent is not null && agents.Count == 0)
        {
            throw new MemoryException($"Agent '{agent}' has no memory in this store; nothing was exported (see hakiri memory list for the agents).");
        }

        var target = Path.GetFullPath(tarPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var parquet = target + ".parquet.tmp";
        try
        {
            long count = 0;
            using (var duck = DuckDbDatabase.Open())
            using (var connection = duck.Connect())
            {
                var source = files.Count == 0
                    ? $"(SELECT {string.Join(", ", MemoryTable.Columns.Select(c => $"CAST(NULL AS {c.Type}) AS \"{c.Name}\""))} WHERE false)"
                    : $"read_parquet({Sql.List(files)})";
                count = connection.Execute($"COPY (SELECT * FROM {source}{MemoryReader.Where(agent)} ORDER BY created_at, id) TO {Sql.Literal(parquet)} {Sql.ParquetOptions}");
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(parquet)));
            var manifest = Manifest(count, agent, agents, sha, new FileInfo(parquet).Length, (clock ?? TimeProvider.System).GetUtcNow());
            using (var stream = File.Create(target))
            using (var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: false))
            {
                tar.WriteEntry(parquet, ParquetEntry);
                var entry = new PaxTarEntry(TarEntryType.RegularFile, ManifestEntry) { DataStream = new MemoryStream(manifest) };
                tar.WriteEntry(entry);
            }

            return new MemoryExportResult(target, count, agents, sha);
        }
        finally
        {
            File.Delete(parquet);
        }
    }

    private static byte[] Manifest(long count, string? agent, List<string> agents, string sha, long bytes, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "hakiri-memory-export/1");
            json.WriteNumber("count", count);
            json.WriteString("agent_filter", agent);
            json.WriteStartArray("agents");
            agents.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteString("exported_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("columns");
            foreach (var column in MemoryTable.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", column.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("parquet");
            json.WriteString("path", ParquetEntry);
            json.WriteString("sha256", sha);
            json.WriteNumber("bytes", bytes);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
