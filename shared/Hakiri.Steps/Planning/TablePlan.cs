using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hakiri.Steps.Planning;

/// <summary>What discover decided to pull for one table in one run; kept in the run's staging area, not in the state.</summary>
/// <param name="Files">The source files to pull, in order (file connector).</param>
/// <param name="Unchanged">Source files matched but already ingested unchanged.</param>
/// <param name="Connector">For a connector source: where this run starts; <see langword="null"/> for the file connector.</param>
internal sealed record TablePlan(
    [property: JsonPropertyName("files")] IReadOnlyList<PlannedFile> Files,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("connector")] ConnectorPlan? Connector = null);

/// <summary>A connector source's starting point in a run.</summary>
/// <param name="StartCursor">The cursor committed by the last run (catalog text form), or <see langword="null"/> for a first load.</param>
/// <param name="Lineage">What the rows come from, as the catalog's lineage records it (e.g. <c>github:octo/repo/issues</c>).</param>
/// <param name="PrimaryKey">
/// The key write replaces rows by: the pipeline's <c>primary_key</c>, else the one the connector discovered (a database
/// table's own primary key); <see langword="null"/> in plans written before it existed (the manifest's key applies).
/// </param>
/// <param name="ReplaceAll">Whether this run reads the whole source, so write replaces the table's rows wholesale (a snapshot).</param>
/// <param name="SourceTable">
/// The connector's table the run reads when it differs from the pipeline's (a WebAssembly connector offering one table);
/// <see langword="null"/>: the pipeline's table.
/// </param>
internal sealed record ConnectorPlan(
    [property: JsonPropertyName("start_cursor")] string? StartCursor,
    [property: JsonPropertyName("lineage")] string Lineage,
    [property: JsonPropertyName("primary_key")] IReadOnlyList<string>? PrimaryKey = null,
    [property: JsonPropertyName("replace_all")] bool ReplaceAll = false,
    [property: JsonPropertyName("source_table")] string? SourceTable = null);

/// <summary>One source file (or object) to pull.</summary>
/// <param name="Path">
/// The path relative to the manifest, <c>/</c>-separated, or the object's <c>s3://bucket/key</c>: the row locator's
/// source part and the catalog's source file.
/// </param>
/// <param name="AbsolutePath">Where to read it: the file's absolute path, or the object's key.</param>
/// <param name="Fingerprint">Size and modification time at discovery; for an object, size and ETag.</param>
/// <param name="Replaces">Whether an earlier version of the file was ingested (its rows are replaced).</param>
internal sealed record PlannedFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("absolute_path")] string AbsolutePath,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("replaces")] bool Replaces);

[JsonSerializable(typeof(TablePlan))]
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class StepsJsonContext : JsonSerializerContext;

/// <summary>Reads and writes a table's plan in the run's staging area.</summary>
internal static class PlanStore
{
    public const string FileName = "plan.json";

    public static void Save(string stagingDirectory, TablePlan plan)
    {
        Directory.CreateDirectory(stagingDirectory);
        var path = System.IO.Path.Combine(stagingDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(plan, StepsJsonContext.Default.TablePlan));
        File.Move(temporary, path, overwrite: true);
    }

    public static TablePlan Load(string stagingDirectory)
    {
        var path = System.IO.Path.Combine(stagingDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new Errors.StepFailedException(Hakiri.Model.Steps.StepErrors.Permanent,
                $"No plan at {path}: discover has not run for this table in this run, or the run's staging area was removed.");
        }

        return JsonSerializer.Deserialize(File.ReadAllText(path), StepsJsonContext.Default.TablePlan)!;
    }
}
