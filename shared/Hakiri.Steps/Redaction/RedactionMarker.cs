using Hakiri.DuckDb;
using Hakiri.Model.Steps;
using Hakiri.Steps.Errors;
using Hakiri.Steps.Sources;
using Hakiri.Store.Catalog;

namespace Hakiri.Steps.Redaction;

/// <summary>
/// The redaction a staged batch was written under, kept in its Parquet key-value metadata, so the write step knows
/// whether a batch is redacted already (a hash is never hashed again) and refuses a batch staged under another
/// redaction than the one it commits. Batches staged before batches were marked carry none: a connector's were staged
/// raw then, a file's redacted.
/// </summary>
internal static class RedactionMarker
{
    /// <summary>The key-value metadata key.</summary>
    public const string Key = "hakiri_redaction";

    /// <summary>The marker of <paramref name="redaction"/>: mode, salt fingerprint and lower-cased, sorted columns.</summary>
    public static string Value(TableRedactionRecord redaction) =>
        $"{redaction.Mode};{redaction.SaltFingerprint};" + string.Join(",", redaction.Columns.Select(c => c.ToLowerInvariant()).Order(StringComparer.Ordinal));

    /// <summary>The COPY options of a staged batch written under <paramref name="redaction"/>: <see cref="Sql.ParquetOptions"/>, marked when it redacts.</summary>
    public static string CopyOptions(TableRedactionRecord redaction) =>
        redaction.Columns.Count == 0 ? Sql.ParquetOptions
        : Sql.ParquetOptions[..^1] + $", KV_METADATA {{{Key}: {Sql.Literal(Value(redaction))}}})";

    /// <summary>
    /// Whether <paramref name="batches"/> were redacted under <paramref name="wanted"/> when staged: true when all carry its
    /// marker (none, for no redaction), <paramref name="unmarked"/> when none carries one but <paramref name="wanted"/> redacts.
    /// </summary>
    /// <exception cref="StepFailedException">A batch staged under another redaction, or marked and unmarked batches mixed (Permanent).</exception>
    public static bool Staged(DuckDbConnection connection, IReadOnlyList<string> batches, TableRedactionRecord wanted, bool unmarked, string table)
    {
        if (batches.Count == 0)
        {
            return true;
        }

        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = connection.Query(
            $"SELECT file_name, decode(value) FROM parquet_kv_metadata({Sql.List(batches)}) WHERE decode(key) = {Sql.Literal(Key)}"))
        {
            while (reader.Read())
            {
                markers[Path.GetFullPath(reader.GetString(0))] = reader.GetString(1);
            }
        }

        var expected = wanted.Columns.Count == 0 ? null : Value(wanted);
        if (markers.Count == 0)
        {
            return expected is null || unmarked;
        }

        if (expected is not null && markers.Count == batches.Count && markers.Values.All(v => v == expected))
        {
            return true;
        }

        var odd = batches.FirstOrDefault(b => markers.GetValueOrDefault(Path.GetFullPath(b)) != expected) ?? batches[0];
        throw new StepFailedException(StepErrors.Permanent,
            $"Table '{table}': the staged batch {Path.GetFileName(odd)} was not redacted as this write commits ({wanted.Describe()}), because the pipeline's "
            + "redaction or salt changed while the run was under way; run the pipeline again — nothing was written.");
    }
}
